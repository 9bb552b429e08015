#include "ledger_command.hpp"

#include "output_file.hpp"
#include "output_paths.hpp"
#include "text/printable.hpp"

#include <authmatch/ledger.hpp>

#include <fmt/format.h>

namespace authmatch::cli {
namespace {

std::vector<ledger_row> rows_of(const ledger_options& options) {
  const auto ledger =
      utilization_ledger::open(options.ledger, utilization_ledger::open_mode::read_only);
  return ledger.rows(options.auth_number);
}

/// Refuses an output that could not be written, or that names the ledger (refuse_bad_outputs).
void refuse_bad_output(const ledger_options& options) {
  const named_file ledger[] = {{"--ledger", options.ledger}};
  const named_file output[] = {main_output(options.output)};
  refuse_bad_outputs(ledger, output);
}

int write_report(const ledger_options& options, const std::string& report) {
  output_file out(options.output);
  fmt::print(out.get(), "{}", report);
  out.close();
  return 0;
}

}  // namespace

int run_ledger_show(const ledger_options& options) {
  refuse_bad_output(options);
  const auto rows = rows_of(options);
  if (rows.empty() && options.auth_number) {
    return write_report(options, fmt::format("The ledger holds no usage of {}.\n",
                                             detail::quoted_value(*options.auth_number)));
  }
  return write_report(options, to_table(rows));
}

int run_ledger_export(const ledger_options& options) {
  refuse_bad_output(options);
  return write_report(options, to_csv(rows_of(options)));
}

}  // namespace authmatch::cli
