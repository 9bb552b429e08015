// A batch judged in parts, on other processes or machines, and joined in one run: what
// authmatch.dask (and a multiprocessing.Pool) builds on. See docs/scale-out.md.

#include "bindings.hpp"
#include "convert.hpp"

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace authmatch::python {

py::bytes judge_part(const std::shared_ptr<const validator_state>& state, const py::args& inputs) {
  collecting_run recording(*state, std::nullopt);
  auto& run = recording.run();
  feed_inputs(*state, run, inputs, "judge_part");
  std::string part;
  state->with_index([&] { part = std::move(run).finish_part(); });
  return {part};
}

report join_parts(const std::shared_ptr<const validator_state>& state, const py::iterable& parts,
                  const ledger_ref& ledger) {
  collecting_run recording(*state, ledger);
  auto& run = recording.run();
  std::size_t number = 0;
  for (const auto part : parts) {
    ++number;
    if (!PyBytes_Check(part.ptr())) {
      throw py::type_error(fmt::format("join_parts: expected bytes made by judge_part(), got {}",
                                       Py_TYPE(part.ptr())->tp_name));
    }
    // `part` stays alive (the iterable holds it, and so does this loop) while the run reads it.
    const auto bytes = bytes_view(part);
    const auto name = fmt::format("part {}", number);
    state->with_index([&] { run.add_part(bytes, name); });
  }
  return recording.finish(*state);
}

}  // namespace authmatch::python
