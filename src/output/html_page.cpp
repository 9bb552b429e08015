#include "output/html_page.hpp"

#include "text/markup.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

// Nothing may be fetched: no image, no font, no frame, no form target. The inline <style> and
// one inline script, allowed by its SHA-256 (no other script can run), are the page's only
// resources.
constexpr std::string_view policy =
    "default-src 'none'; style-src 'unsafe-inline'; "
    "script-src 'sha256-MK2tLVGhHW/5hUOXI2Pi1sVRpuZiy0Qu6Obt79rcUP8='; img-src 'none'; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

// Makes each table sortable by a click on a column's header (numbers by value), and marks it
// data-sortable="ready". Its SHA-256 (base64) is in `policy`: change both together
// (`printf %s "$script" | openssl dgst -sha256 -binary | base64`).
constexpr std::string_view sort_script =
    R"js(document.querySelectorAll("table.sortable").forEach(function(t){var hs=t.tHead.rows[0].cells;Array.prototype.forEach.call(hs,function(th,i){var b=document.createElement("button");b.type="button";b.textContent=th.textContent;th.textContent="";th.appendChild(b);th.setAttribute("aria-sort","none");b.addEventListener("click",function(){var up=th.getAttribute("aria-sort")!=="ascending";Array.prototype.forEach.call(hs,function(h){h.setAttribute("aria-sort","none")});th.setAttribute("aria-sort",up?"ascending":"descending");var n=th.classList.contains("n"),body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);rows.sort(function(a,c){var x=a.cells[i].textContent,y=c.cells[i].textContent,d=n?(parseFloat(x.replace(/[^0-9.-]/g,""))||0)-(parseFloat(y.replace(/[^0-9.-]/g,""))||0):x.localeCompare(y);return up?d:-d});rows.forEach(function(r){body.appendChild(r)})})});t.setAttribute("data-sortable","ready")});)js";

constexpr std::string_view style = R"(
body{font:14px/1.4 system-ui,sans-serif;color:#1b1b1b;margin:1.5rem auto;max-width:72rem;
padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;
border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0}caption{text-align:left;
font-weight:600;padding:.25rem 0}
th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;
text-align:inherit;width:100%}th[aria-sort=ascending] button::after{content:" \25B2"}
th[aria-sort=descending] button::after{content:" \25BC"}
tr.overdue td{background:#fde8e8}tr.overdue td:first-child{border-left:4px solid #b00020}
.subtitle{color:#555}svg{display:block;max-width:100%;height:auto}
svg text{font:12px system-ui,sans-serif;fill:#1b1b1b}.bar{fill:#9db7d8}.part{fill:#2c5d94}
.today{stroke:#b00020;stroke-width:2}.renew{fill:#b00020}.axis{stroke:#888}
svg text.late{fill:#b00020;font-weight:600}
.more{color:#555;font-style:italic}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}
tr{break-inside:avoid}svg{break-inside:avoid}th{background:none}th button::after{content:none}}
)";

}  // namespace

html_page::html_page(std::string_view title, std::string_view subtitle) : title_(title) {
  body_ += "<header><h1>";
  append_html_text(body_, title);
  body_ += "</h1><p class=\"subtitle\">";
  append_html_text(body_, subtitle);
  body_ += "</p></header>\n<main>\n";
}

void html_page::heading(std::string_view id, std::string_view text) {
  body_ += "<h2 id=\"";
  append_html_text(body_, id);
  body_ += "\">";
  append_html_text(body_, text);
  body_ += "</h2>\n";
}

void html_page::paragraph(std::string_view text) {
  body_ += "<p>";
  append_html_text(body_, text);
  body_ += "</p>\n";
}

void html_page::table(std::string_view id, std::string_view caption,
                      std::span<const column> columns,
                      const std::vector<std::vector<std::string>>& rows,
                      const std::vector<std::string>& row_classes, std::size_t max_rows) {
  body_ += "<table class=\"sortable\" id=\"";
  append_html_text(body_, id);
  body_ += "\"><caption>";
  append_html_text(body_, caption);
  body_ += "</caption>\n<thead><tr>";
  for (const auto& c : columns) {
    body_ += c.numeric ? "<th scope=\"col\" class=\"n\">" : "<th scope=\"col\">";
    append_html_text(body_, c.title);
    body_ += "</th>";
  }
  body_ += "</tr></thead>\n<tbody>\n";
  const auto shown = std::min(rows.size(), max_rows);
  for (std::size_t r = 0; r < shown; ++r) {
    const bool classed = r < row_classes.size() && !row_classes[r].empty();
    body_ += classed ? "<tr class=\"" + html_text(row_classes[r]) + "\">" : std::string("<tr>");
    for (std::size_t c = 0; c < columns.size() && c < rows[r].size(); ++c) {
      body_ += columns[c].numeric ? "<td class=\"n\">" : "<td>";
      append_html_text(body_, rows[r][c]);
      body_ += "</td>";
    }
    body_ += "</tr>\n";
  }
  body_ += "</tbody></table>\n";
  if (rows.size() > shown) {
    fmt::format_to(std::back_inserter(body_),
                   "<p class=\"more\">{} more rows are not shown here; the command's other "
                   "formats list them all.</p>\n",
                   rows.size() - shown);
  }
}

void html_page::bar_chart(std::string_view id, std::string_view title,
                          const std::vector<bar>& bars) {
  if (bars.empty()) return;
  constexpr int label_width = 220, bar_width = 420, note_width = 200, row_height = 22;
  const int height = static_cast<int>(bars.size()) * row_height + 8;
  double largest = 0;
  for (const auto& b : bars) largest = std::max(largest, b.value);
  if (largest <= 0) largest = 1;
  const auto id_text = html_text(id);
  fmt::format_to(std::back_inserter(body_),
                 "<figure><svg id=\"{0}\" role=\"img\" aria-labelledby=\"{0}-title\" "
                 "viewBox=\"0 0 {1} {2}\" width=\"{1}\" height=\"{2}\">"
                 "<title id=\"{0}-title\">{3}</title>\n",
                 id_text, label_width + bar_width + note_width, height, html_text(title));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const int y = static_cast<int>(i) * row_height + 4;
    const auto length = [&](double value) {
      return std::max(0.0, std::min(value, largest)) / largest * bar_width;
    };
    fmt::format_to(std::back_inserter(body_),
                   "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
                   "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"/>"
                   "<rect class=\"part\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"/>"
                   "<text x=\"{:.1f}\" y=\"{}\">{}</text>\n",
                   label_width - 6, y + 14, html_text(b.label), label_width, y, length(b.value),
                   row_height - 6, label_width, y, length(b.part), row_height - 6,
                   label_width + length(b.value) + 6, y + 14, html_text(b.note));
  }
  body_ += "</svg><figcaption>";
  append_html_text(body_, title);
  body_ += "</figcaption></figure>\n";
}

std::string html_page::finish() && {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"";
  out += policy;
  out +=
      "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"referrer\" content=\"no-referrer\">\n<title>";
  append_html_text(out, title_);
  out += "</title>\n<style>";
  out += style;
  out += "</style>\n</head>\n<body>\n";
  out += body_;
  out += "</main>\n<script>";
  out += sort_script;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
