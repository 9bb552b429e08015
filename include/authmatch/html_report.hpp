#ifndef AUTHMATCH_HTML_REPORT_HPP
#define AUTHMATCH_HTML_REPORT_HPP

#include <authmatch/finding.hpp>
#include <authmatch/review.hpp>
#include <authmatch/validator.hpp>

#include <span>
#include <string>

namespace authmatch {
inline namespace v0 {

// Pages to read in a browser or print: one self-contained HTML file each, with inline CSS and
// SVG charts, one inline script that sorts the tables (allowed by its hash, no other), and a
// Content-Security-Policy that lets the browser fetch nothing. Every value from the input is
// escaped.

/// The morning review: the items, each authorization row's utilization and the renewal
/// timeline of the next 60 days (renewals already overdue marked at its start).
std::string review_html(const review_report& report);

/// A validation run: findings by payer, kind and code, the charge at risk, and the deny and
/// error findings themselves.
std::string findings_html(std::span<const finding> findings, const run_summary& summary);

}  // namespace v0
}  // namespace authmatch

#endif
