// authmatch.review(): the morning review of an authorization tracker, as a list of dicts.

#include "bindings.hpp"
#include "convert.hpp"

#include <authmatch/loaders.hpp>
#include <authmatch/review.hpp>

#include <shared_mutex>

namespace authmatch::python {
namespace {

py::dict dict_of(const review_item& item) {
  const auto text_or_none = [](const std::string& text) {
    return text.empty() ? py::object(py::none()) : py::object(py::str(text));
  };
  py::dict out;
  out["kind"] = std::string(to_string(item.kind));
  out["severity"] = std::string(to_string(item.severity));
  out["due_date"] = to_python(item.due_date);
  out["auth_number"] = text_or_none(item.auth_number);
  out["payer_id"] = item.payer_id;
  out["member_id"] = item.member_id;
  out["code"] = item.code;
  out["claim_id"] = text_or_none(item.claim_id);
  out["line"] = item.line ? py::object(py::int_(*item.line)) : py::object(py::none());
  out["next_action"] = item.next_action;
  out["message"] = item.message;
  return out;
}

py::list review_items(const shared_index& shared, const py::object& as_of, const py::object& ledger,
                      const py::object& enrollment, const py::object& schedule,
                      const py::object& rules, const std::shared_ptr<loaded_profiles>& profiles) {
  review_options options;
  options.as_of = date_from(
      as_of.is_none() ? py::module_::import("datetime").attr("date").attr("today")() : as_of,
      "as_of");
  std::optional<auth_rules> own_rules;  // a copy: the Rules object may change meanwhile
  if (!rules.is_none()) own_rules = rules.cast<const auth_rules&>();
  options.rules = own_rules ? &*own_rules : nullptr;
  std::shared_ptr<const enrollment_roster> roster;
  if (!enrollment.is_none()) roster = enrollment.cast<std::shared_ptr<enrollment_roster>>();
  options.enrollment = roster.get();
  options.profiles = profiles ? &profiles->profiles : nullptr;  // kept alive by `profiles`
  std::optional<std::filesystem::path> ledger_path;
  if (!ledger.is_none()) ledger_path = ledger.cast<const ledger_file&>().path;
  std::optional<csv_input> schedule_input;
  if (!schedule.is_none()) {
    schedule_input = csv_input_from(schedule, "a schedule (claim-lines CSV path or bytes)");
  }

  review_report report;
  {
    const py::gil_scoped_release release;
    std::vector<ledger_row> recorded;
    if (ledger_path) {
      recorded =
          utilization_ledger::open(*ledger_path, utilization_ledger::open_mode::read_only).rows();
    }
    options.ledger = recorded;
    const auto run = [&](const claim_line_file* file) {
      options.schedule = file;
      const std::shared_lock lock(shared.mutex);
      report = review(shared.index, options);
    };
    if (schedule_input) {
      const auto file = claim_line_file::parse(schedule_input->read(), schedule_input->name);
      run(&file);
    } else {
      run(nullptr);
    }
  }
  py::list items;
  for (const auto& item : report.items) items.append(dict_of(item));
  return items;
}

}  // namespace

void bind_review(py::module_& m) {
  m.def(
      "review", &review_items, py::arg("index"), py::kw_only(), py::arg("as_of") = py::none(),
      py::arg("ledger") = py::none(), py::arg("enrollment") = py::none(),
      py::arg("schedule") = py::none(), py::arg("rules") = py::none(),
      py::arg("payer_profiles") = py::none(),
      R"doc(review(index, *, as_of=None, ledger=None, enrollment=None, schedule=None, rules=None, payer_profiles=None) -> list[dict]

The morning review of the tracker (docs/review.md): what needs action as of `as_of` (a
datetime.date or ISO str; default today), most urgent first, as dicts with the keys kind,
severity, due_date, auth_number, payer_id, member_id, code, claim_id, line, next_action and
message. `ledger` (a Ledger, only read) adds the usage runs recorded, `enrollment` finds
enrollment gaps, `schedule` (a claim-lines CSV path or bytes of upcoming services) is judged
with `rules` and yields service_at_risk items. `payer_profiles` (PayerProfiles, as a Validator
takes them) sets each payer's decision window for decision_overdue and the codes the schedule's
denials carry. Raises InputError for an unreadable schedule.)doc");
}

}  // namespace authmatch::python
