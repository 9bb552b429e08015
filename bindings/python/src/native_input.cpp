// Native inputs: 837 files read in chunks by the streaming X12 reader, claim-lines CSV files
// read in chunks claim by claim, or either read in place from bytes.

#include "native_input.hpp"

#include "input/input_kind.hpp"
#include "x12/byte_source.hpp"

#include <authmatch/error.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/validator.hpp>
#include <authmatch/x12/reader.hpp>

#include <fmt/format.h>

#include <string>

namespace authmatch::python {
namespace {

/// Adds what the reader finds to a run and marks a step after every claim.
class stepping_sink final : public claim_sink {
 public:
  stepping_sink(validation_run& run, const std::function<void()>& step_done)
      : run_(run), step_done_(step_done) {}

  void on_claim(std::span<const claim_line> lines) override {
    run_.on_claim(lines);
    step_done_();
  }
  void on_rejected(finding unreadable) override {
    run_.on_rejected(std::move(unreadable));
    step_done_();
  }
  void on_diagnostic(const x12::diagnostic& found) override { run_.on_diagnostic(found); }

 private:
  validation_run& run_;
  const std::function<void()>& step_done_;
};

}  // namespace

native_inputs native_inputs_from(const py::args& sources, std::string_view what) {
  if (sources.empty())
    throw py::type_error(fmt::format("expected at least {}: a path or bytes", what));
  native_inputs inputs;
  py::list kept;
  for (const auto source : sources) {
    if (py::isinstance<py::bytes>(source)) {
      inputs.inputs.push_back({{}, bytes_view(source), true});
      kept.append(source);
    } else {
      inputs.inputs.push_back({path_from(source, what), {}, false});
    }
  }
  inputs.bytes = std::move(kept);
  return inputs;
}

native_feed x12_feed(const native_inputs& inputs, unsigned threads) {
  return [inputs = inputs.inputs, threads](validation_run& run,
                                           const std::function<void()>& step_done) {
    x12::read_options options;
    options.threads = x12::reading_threads_for(threads);
    options.read_ahead = x12::read_ahead_for(threads);
    for (const auto& input : inputs) {
      stepping_sink sink(run, step_done);
      if (input.from_bytes) {
        x12::read_837_buffer(input.bytes, "<bytes>", sink, options);
      } else {
        x12::read_837_file(input.path, sink, options);
      }
    }
  };
}

namespace {

/// Refuses an 837 where a claim-lines CSV is expected.
void expect_claim_lines(detail::input_kind kind, const std::string& name) {
  if (kind != detail::input_kind::claim_lines_csv) {
    throw input_error({name, 1, 0},
                      "an X12 837, not a claim-lines CSV: read it with validate_837()");
  }
}

}  // namespace

void read_file_by_content(const std::filesystem::path& path, claim_sink& sink,
                          const detail::kind_check& check, unsigned csv_threads) {
  x12::detail::file_source file(path);
  detail::read_by_content(file.fd(), path.string(), sink, {}, check, csv_threads);
}

native_feed csv_feed(const native_inputs& inputs, unsigned threads) {
  return [inputs = inputs.inputs, threads](validation_run& run,
                                           const std::function<void()>& step_done) {
    for (const auto& input : inputs) {
      stepping_sink sink(run, step_done);
      const std::string name = input.from_bytes ? "<bytes>" : input.path.string();
      const auto claim_lines_only = [&name](detail::input_kind kind) {
        expect_claim_lines(kind, name);
      };
      if (input.from_bytes) {
        detail::read_by_content(input.bytes, name, sink, claim_lines_only);
      } else {
        read_file_by_content(input.path, sink, claim_lines_only, threads);
      }
    }
  };
}

}  // namespace authmatch::python
