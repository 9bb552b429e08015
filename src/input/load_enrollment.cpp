#include "input/csv_table.hpp"

#include <authmatch/enrollment.hpp>
#include <authmatch/loaders.hpp>

namespace authmatch {
inline namespace v0 {

enrollment_roster load_enrollment(const std::filesystem::path& path) {
  return parse_enrollment(read_file(path), path.string());
}

enrollment_roster parse_enrollment(std::string_view csv, std::string_view file_name) {
  detail::csv_table table(csv, std::string(file_name),
                          {"payer_id", "npi", "status", "effective_date", "end_date"});
  const auto payer = table.column("payer_id"), npi = table.column("npi"),
             status = table.column("status"), effective = table.column("effective_date"),
             end = table.column("end_date");

  enrollment_roster roster;
  while (table.next()) {
    enrollment row;
    row.payer_id = table[payer];
    row.npi = table[npi];
    const auto parsed_status = parse_enrollment_status(table[status]);
    if (!parsed_status) {
      table.fail("status", fmt::format("{} is not an enrollment status (expected enrolled, "
                                       "pending or terminated)",
                                       detail::quoted_value(table[status])));
    }
    row.status = *parsed_status;
    row.effective_date = table.date_at(effective, "effective_date");
    if (!table[end].empty()) row.end_date = table.date_at(end, "end_date");
    try {
      roster.add(std::move(row));
    } catch (const enrollment_error& e) {
      table.fail(e.problem().field, e.problem().message);
    }
  }
  if (roster.empty()) {
    throw input_error({std::string(file_name), 0, 0},
                      "no enrollment rows: the file has a header row but no rows (a roster "
                      "without rows tracks no payer, so it would check nothing)");
  }
  return roster;
}

}  // namespace v0
}  // namespace authmatch
