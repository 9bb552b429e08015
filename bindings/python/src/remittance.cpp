// Remittance: an 835 read by read_835(), its claims, lines and adjustments as Python values.

#include "remittance.hpp"

#include "convert.hpp"

#include <authmatch/error.hpp>

#include <fmt/format.h>

namespace authmatch::python {
namespace {

constexpr auto remittance_doc =
    R"doc(The claims of an 835 remittance advice, read by read_835() (see docs/remittances.md).

claims, lines and adjustments are lists of plain dicts with Python values (datetime.date,
decimal.Decimal), so pandas.DataFrame(remittance.lines) gives one row per service line:

  claims       one dict per claim payment (CLP) that could be read, its lines nested
  lines        one dict per service line (SVC), with its claim's claim_id, payer_id,
               payer_claim_number and member_id
  adjustments  one dict per adjustment (CAS) of a claim (line None) or a line
  rejected     one dict per claim that could not be read: where (file, segment, element,
               byte_offset) and what was wrong (message); its lines are counted, not read
  diagnostics  problems that did not stop reading (envelope counts, unknown segments, ...)
  summary      claims_read (every CLP), claims_rejected, lines_read (every SVC)

Each access makes new lists. reconcile() takes a Remittance as it takes a path, without reading
it again. Immutable and safe to share between threads; does not pickle (pickle its lists).)doc";

using data_ptr = std::shared_ptr<remittance_data>;

py::object text_or_none(const std::string& text) {
  return text.empty() ? py::object(py::none()) : py::object(text_to_python(text));
}

py::dict adjustment_dict(const remittance_adjustment& a) {
  py::dict out;
  out["group"] = text_to_python(a.group);
  out["carc"] = text_to_python(a.carc);
  out["amount"] = to_python(a.amount, 2);
  out["quantity"] = to_python(a.quantity);
  return out;
}

py::list adjustments_of(const std::vector<remittance_adjustment>& adjustments) {
  py::list out;
  for (const auto& a : adjustments) out.append(adjustment_dict(a));
  return out;
}

/// A line's dict; `number` is the line number matching uses (remittance_claim::line_numbers).
py::dict line_dict(const remittance_claim& claim, const remittance_line& line,
                   std::uint32_t number) {
  py::dict out;
  out["claim_id"] = text_to_python(claim.claim_id);
  out["payer_id"] = text_to_python(claim.payer_id);
  out["payer_claim_number"] = text_to_python(claim.payer_claim_number);
  out["member_id"] = text_to_python(claim.member_id);
  out["line"] = number;
  out["position"] = line.position;
  out["control_number"] = text_to_python(line.control_number);
  out["code"] = text_to_python(line.code);
  out["modifiers"] = to_python(line.modifiers);
  out["charge"] = to_python(line.charge, 2);
  out["paid"] = to_python(line.paid, 2);
  out["units"] = to_python(line.units);
  out["service_date"] = to_python(line.service_date);
  out["service_date_end"] = to_python(line.service_date_end);
  out["adjustments"] = adjustments_of(line.adjustments);
  out["remarks"] = to_python(line.remarks);
  return out;
}

py::dict claim_dict(const remittance_claim& claim) {
  py::dict out;
  out["claim_id"] = text_to_python(claim.claim_id);
  out["status"] = text_to_python(claim.status);
  out["charge"] = to_python(claim.charge, 2);
  out["paid"] = to_python(claim.paid, 2);
  out["payer_claim_number"] = text_to_python(claim.payer_claim_number);
  out["payer_id"] = text_to_python(claim.payer_id);
  out["payer_name"] = text_to_python(claim.payer_name);
  out["member_id"] = text_to_python(claim.member_id);
  out["statement_from"] = to_python(claim.statement_from);
  out["statement_to"] = to_python(claim.statement_to);
  out["adjustments"] = adjustments_of(claim.adjustments);
  out["remarks"] = to_python(claim.remarks);
  py::list lines;
  const auto numbers = claim.line_numbers();
  for (std::size_t i = 0; i < claim.lines.size(); ++i) {
    lines.append(line_dict(claim, claim.lines[i], numbers[i]));
  }
  out["lines"] = lines;
  out["file"] = text_to_python(claim.where.file);
  out["segment"] = claim.where.line;
  out["byte_offset"] = claim.byte_offset;
  return out;
}

/// Calls fn(claim) for each claim that was read, in input order.
template <typename Fn>
void for_each_claim(const remittance_data& data, Fn&& fn) {
  for (const auto& event : data.events) {
    if (const auto* claim = std::get_if<remittance_claim>(&event)) fn(*claim);
  }
}

py::list claims_of(const remittance_data& data) {
  py::list out;
  for_each_claim(data, [&](const remittance_claim& claim) { out.append(claim_dict(claim)); });
  return out;
}

py::list lines_of(const remittance_data& data) {
  py::list out;
  for_each_claim(data, [&](const remittance_claim& claim) {
    const auto numbers = claim.line_numbers();
    for (std::size_t i = 0; i < claim.lines.size(); ++i) {
      out.append(line_dict(claim, claim.lines[i], numbers[i]));
    }
  });
  return out;
}

py::list flat_adjustments_of(const remittance_data& data) {
  py::list out;
  const auto add = [&](const remittance_claim& claim, const remittance_line* line,
                       std::uint32_t number, const remittance_adjustment& a) {
    py::dict row;
    row["claim_id"] = text_to_python(claim.claim_id);
    row["payer_id"] = text_to_python(claim.payer_id);
    row["line"] = line ? py::object(py::int_(number)) : py::object(py::none());
    row["code"] = line ? py::object(text_to_python(line->code)) : py::object(py::none());
    for (const auto item : adjustment_dict(a)) row[item.first] = item.second;
    out.append(row);
  };
  for_each_claim(data, [&](const remittance_claim& claim) {
    for (const auto& a : claim.adjustments) add(claim, nullptr, 0, a);
    const auto numbers = claim.line_numbers();
    for (std::size_t i = 0; i < claim.lines.size(); ++i) {
      for (const auto& a : claim.lines[i].adjustments) add(claim, &claim.lines[i], numbers[i], a);
    }
  });
  return out;
}

py::list rejected_of(const remittance_data& data) {
  py::list out;
  for (const auto& event : data.events) {
    if (const auto* rejected = std::get_if<remittance_rejection>(&event)) {
      out.append(rejection_dict(*rejected));
    }
  }
  return out;
}

py::dict summary_of(const remittance_data& data) {
  py::dict out;
  out["claims_read"] = data.stats.claims_read;
  out["claims_rejected"] = data.stats.claims_rejected;
  out["lines_read"] = data.stats.lines_read;
  return out;
}

}  // namespace

void remittance_recorder::on_claim(const remittance_claim& claim) {
  if (keep_claims_) events.emplace_back(claim);
  if (forward_ != nullptr) forward_->on_claim(claim);
}

void remittance_recorder::on_rejected(const remittance_rejection& rejected) {
  events.emplace_back(rejected);
  if (forward_ != nullptr) forward_->on_rejected(rejected);
}

void remittance_recorder::on_stray_line(const remittance_stray_line& line) {
  events.emplace_back(line);
  if (forward_ != nullptr) forward_->on_stray_line(line);
}

remittance_source remittance_source_from(py::handle source) {
  if (py::isinstance<remittance_data>(source)) {
    return {{}, {}, false, source.cast<data_ptr>()};
  }
  if (py::isinstance<py::bytes>(source)) {
    return {{}, bytes_view(source), true, nullptr};
  }
  return {path_from(source, "an 835 remittance"), {}, false, nullptr};
}

x12::remittance_stats read_remittance(const remittance_source& source, remittance_recorder& sink) {
  const auto first = sink.diagnostics.size();
  const std::string name = source.from_bytes ? "<bytes>" : source.path.string();
  const auto stats = source.from_bytes ? x12::read_835_buffer(source.bytes, name, sink)
                                       : x12::read_835_file(source.path, sink);
  if (stats.claims_read == 0) {  // not an 835 at all, as the command says
    const std::string why =
        sink.diagnostics.size() > first ? "; " + x12::to_string(sink.diagnostics[first]) : "";
    throw input_error({name, 0, 0},
                      "not a usable 835: no claim payment (CLP) could be found in it" + why);
  }
  return stats;
}

py::dict rejection_dict(const remittance_rejection& rejected) {
  py::dict out;
  out["claim_id"] = text_to_python(rejected.claim_id);
  out["payer_id"] = text_to_python(rejected.payer_id);
  out["lines"] = rejected.lines;
  out["file"] = text_to_python(rejected.where.file);
  out["segment"] = rejected.where.line;
  out["element"] = rejected.where.column;
  out["byte_offset"] = rejected.byte_offset;
  out["message"] = text_to_python(rejected.message);
  return out;
}

py::dict diagnostic_dict(const x12::diagnostic& found) {
  py::dict out;
  out["kind"] = std::string(x12::to_string(found.kind));
  out["fault"] = x12::is_fault(found.kind);
  out["file"] = text_to_python(found.where.file);
  out["segment"] = found.where.line;
  out["element"] = found.where.column;
  out["byte_offset"] = found.byte_offset;
  out["segment_id"] = text_to_python(found.segment_id);
  out["claim_id"] = text_or_none(found.claim_id);
  out["message"] = text_to_python(found.message);
  return out;
}

void bind_remittance(py::module_& m) {
  // Held by non-const pointer (pybind11 needs that) but never changed after it is read.
  py::class_<remittance_data, data_ptr>(m, "Remittance", remittance_doc)
      .def_property_readonly(
          "file", [](const remittance_data& self) { return self.name; },
          "The path read, or \"<bytes>\".")
      .def_property_readonly("claims", &claims_of,
                             "The claims that could be read, in input order, each with its "
                             "lines and adjustments.")
      .def_property_readonly("lines", &lines_of,
                             "Every service line of the claims that could be read, with its "
                             "claim's claim_id, payer_id, payer_claim_number and member_id.")
      .def_property_readonly(
          "adjustments", &flat_adjustments_of,
          "Every adjustment (CAS) of the claims that could be read: claim_id, payer_id, line and "
          "code (None for the claim's own), group, carc, amount, quantity.")
      .def_property_readonly("rejected", &rejected_of,
                             "The claims that could not be read, with their position and what "
                             "was wrong.")
      .def_property_readonly(
          "diagnostics",
          [](const remittance_data& self) {
            py::list out;
            for (const auto& d : self.diagnostics) out.append(diagnostic_dict(d));
            return out;
          },
          "Problems that did not stop reading; fault is True where claims or lines may have been "
          "lost.")
      .def_property_readonly("summary", &summary_of,
                             "claims_read (every CLP), claims_rejected and lines_read (every SVC, "
                             "those of rejected claims too).")
      .def("__repr__",
           [](const remittance_data& self) {
             return fmt::format("<Remittance {}: {} claims ({} rejected), {} lines>",
                                std::string(py::repr(py::str(self.name))), self.stats.claims_read,
                                self.stats.claims_rejected, self.stats.lines_read);
           })
      .def("__reduce__", &refuse_pickling);

  m.def(
      "read_835",
      [](const py::object& source) {
        if (py::isinstance<remittance_data>(source)) {
          throw py::type_error("read_835: expected a path or bytes, got a Remittance already read");
        }
        const auto input = remittance_source_from(source);
        auto data = std::make_shared<remittance_data>();
        const py::gil_scoped_release release;
        remittance_recorder sink(nullptr, true);
        data->stats = read_remittance(input, sink);
        data->name = input.from_bytes ? "<bytes>" : input.path.string();
        data->events = std::move(sink.events);
        data->diagnostics = std::move(sink.diagnostics);
        return data;
      },
      py::arg("source"),
      R"doc(read_835(source) -> Remittance

Reads an X12 835 remittance advice (005010X221A1) from a path, or from bytes holding a file's
contents, as `authmatch reconcile` does (docs/remittances.md): delimiters from each ISA,
envelopes checked, and a claim that cannot be read (an empty CLP01, an amount or date that is
not one, a CAS without group, an SVC without a procedure code, the input ending inside it)
listed in Remittance.rejected with its segment, element and byte offset while reading goes on.
An input that is not X12, cannot be read or holds no claim payment (CLP) raises InputError.)doc");
}

}  // namespace authmatch::python
