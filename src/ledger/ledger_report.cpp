#include <authmatch/ledger.hpp>
#include "text/text.hpp"

#include "output/text_table.hpp"

#include <array>

namespace authmatch {
inline namespace v0 {
namespace {

/// The columns both reports show, in order.
constexpr std::array<std::string_view, 13> columns = {
    "auth_number", "status",         "payer_id",       "member_id",   "code",
    "unit_type",   "approved",       "units_used",     "ledger_used", "used_to_date",
    "remaining",   "effective_date", "expiration_date"};

std::string cell(const ledger_row& row, std::size_t column) {
  const auto& a = row.auth;
  switch (column) {
    case 0: return a.auth_number;
    case 1: return std::string(to_string(a.status));
    case 2: return a.payer_id;
    case 3: return a.member_id;
    case 4: return a.code;
    case 5: return std::string(to_string(a.unit_type));
    case 6: return a.units ? a.units->to_string() : std::string();
    case 7: return a.units_used.to_string();
    case 8: return row.used_recorded.to_string();
    case 9: return (a.units_used + row.used_recorded).to_string();
    case 10: {
      const auto left = row.remaining();
      return left ? left->to_string() : std::string();
    }
    case 11: return to_iso(a.effective_date);
    default: return to_iso(a.expiration_date);
  }
}

}  // namespace

std::string to_table(std::span<const ledger_row> rows) {
  if (rows.empty()) return "The ledger holds no usage.\n";
  static constexpr std::array<std::string_view, 11> titles = {
      "AUTH",     "STATUS",      "PAYER",  "MEMBER",    "CODE",  "TYPE",
      "APPROVED", "USED BEFORE", "LEDGER", "REMAINING", "WINDOW"};
  // Table column -> report column; the window joins the two dates.
  static constexpr std::array<std::size_t, 10> source = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10};
  return detail::text_table(
      titles, "", rows.size(),
      [&](std::size_t r, std::size_t c) {
        if (c < source.size()) return cell(rows[r], source[c]);
        return cell(rows[r], 11) + " to " + cell(rows[r], 12);
      },
      [](std::size_t) { return std::string_view(); });
}

std::string to_csv(std::span<const ledger_row> rows) {
  std::string out = detail::join(columns, ",") + "\r\n";
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c != 0) out += ',';
      detail::append_csv_field(out, cell(row, c));
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace v0
}  // namespace authmatch
