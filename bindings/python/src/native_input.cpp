// Native inputs: 837 files read in chunks by the streaming X12 reader, claim-lines CSV files
// read in chunks claim by claim, or either read in place from bytes.

#include "native_input.hpp"

#include "input/input_kind.hpp"
#include "x12/byte_source.hpp"

#include <authmatch/error.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/validator.hpp>
#include <authmatch/x12/reader.hpp>

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

x12_inputs x12_inputs_from(const py::args& sources) {
  if (sources.empty()) throw py::type_error("expected at least one 837 path or bytes");
  x12_inputs inputs;
  py::list kept;
  for (const auto source : sources) {
    if (py::isinstance<py::bytes>(source)) {
      char* data = nullptr;
      Py_ssize_t size = 0;
      if (PyBytes_AsStringAndSize(source.ptr(), &data, &size) != 0) throw py::error_already_set();
      inputs.inputs.push_back({{}, std::string_view(data, static_cast<std::size_t>(size)), true});
      kept.append(source);
    } else {
      inputs.inputs.push_back({path_from(source, "an 837 file"), {}, false});
    }
  }
  inputs.bytes = std::move(kept);
  return inputs;
}

native_feed x12_feed(const x12_inputs& inputs, unsigned threads) {
  return [inputs = inputs.inputs, threads](validation_run& run,
                                           const std::function<void()>& step_done) {
    x12::read_options options;
    options.threads = x12::reading_threads_for(threads);
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

std::vector<csv_input> csv_inputs_from(const py::args& sources) {
  if (sources.empty()) throw py::type_error("expected at least one claim-lines CSV path or bytes");
  std::vector<csv_input> inputs;
  for (const auto source : sources) inputs.push_back(csv_input_from(source, "a claim-lines CSV"));
  return inputs;
}

namespace {

/// The first bytes of a file, enough to tell an 837 from a claim-lines CSV.
std::string read_head(x12::detail::file_source& file) {
  std::string head(detail::detection_bytes, '\0');
  std::size_t got = 0;
  while (got < head.size()) {
    const std::size_t n = file.read(head.data() + got, head.size() - got);
    if (n == 0) break;
    got += n;
  }
  head.resize(got);
  return head;
}

/// Refuses an input whose first bytes are an 837's.
void expect_claim_lines(std::string_view head, const std::string& name) {
  if (detail::detect_input(head.substr(0, detail::detection_bytes), name) !=
      detail::input_kind::claim_lines_csv) {
    throw input_error({name, 1, 0},
                      "an X12 837, not a claim-lines CSV: read it with validate_837()");
  }
}

/// Reads a claim-lines CSV file in chunks, claim by claim.
void read_claim_lines_path(const std::string& name, claim_sink& sink) {
  x12::detail::file_source file(name);
  const auto head = read_head(file);
  expect_claim_lines(head, name);
  read_claim_lines_fd(file.fd(), name, sink, head);
}

}  // namespace

void read_file_by_content(const std::filesystem::path& path, claim_sink& sink) {
  x12::detail::file_source file(path);
  const auto head = read_head(file);
  const auto name = path.string();
  if (detail::detect_input(head, name) == detail::input_kind::x12_837) {
    x12::read_837_fd(file.fd(), name, sink, {}, head);
  } else {
    read_claim_lines_fd(file.fd(), name, sink, head);
  }
}

native_feed csv_feed(std::vector<csv_input> inputs) {
  return [inputs = std::move(inputs)](validation_run& run, const std::function<void()>& step_done) {
    for (const auto& input : inputs) {
      stepping_sink sink(run, step_done);
      if (!input.text) {
        read_claim_lines_path(input.name, sink);
        continue;
      }
      expect_claim_lines(*input.text, input.name);
      claim_line_file::parse(*input.text, input.name).feed(sink);
    }
  };
}

}  // namespace authmatch::python
