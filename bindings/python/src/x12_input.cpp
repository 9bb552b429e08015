// 837 inputs: files read in chunks by the streaming X12 reader, or bytes read in place.

#include "x12_input.hpp"

#include "convert.hpp"

#include <authmatch/validator.hpp>
#include <authmatch/x12/reader.hpp>

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

native_feed x12_feed(const x12_inputs& inputs) {
  return [inputs = inputs.inputs](validation_run& run, const std::function<void()>& step_done) {
    for (const auto& input : inputs) {
      stepping_sink sink(run, step_done);
      if (input.from_bytes) {
        x12::read_837_buffer(input.bytes, "<bytes>", sink);
      } else {
        x12::read_837_file(input.path, sink);
      }
    }
  };
}

}  // namespace authmatch::python
