#include "tracker.hpp"

#include "random.hpp"

#include <authmatch/date.hpp>
#include "input/csv_reader.hpp"
#include "text/text.hpp"

#include <fmt/format.h>

#include <charconv>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>

namespace authmatch::synth {
namespace {

constexpr std::string_view next_actions[] = {
    "fax clinical notes", "call the plan's utilization review", "send the renewal request",
    "ask the physician for a peer-to-peer", "upload the progress report to the portal"};

/// A whole number of units, or nullopt for anything else (a decimal, empty).
std::optional<std::int64_t> whole(std::string_view text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [at, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || at != end) return std::nullopt;
  return value;
}

/// The values one authorization number gets on every one of its rows.
struct tracker_values {
  std::string requested, priority, next_action, next_action_due;
};

}  // namespace

tracker_totals write_tracker(std::string_view auths_csv, std::uint64_t seed, output& out) {
  detail::csv_reader reader(auths_csv, "authorizations");
  if (!reader.next()) throw std::runtime_error("the generated authorizations CSV is empty");
  const detail::csv_header header(reader.fields());
  const auto number = header.find("auth_number"), status = header.find("status"),
             effective = header.find("effective_date"), expiration = header.find("expiration_date"),
             units = header.find("units"), units_used = header.find("units_used");
  if (number == detail::csv_header::absent || expiration == detail::csv_header::absent ||
      units == detail::csv_header::absent || units_used == detail::csv_header::absent) {
    throw std::runtime_error("the generated authorizations CSV lacks its columns");
  }
  const date review_day = parse_date(tracker_review_day).value();
  rng random(seed ^ 0x7ac4e7ULL);
  rng usage(seed ^ 0x05a9eULL);  // its own draws: the other columns stay as they were
  tracker_totals totals;
  std::string row = detail::join(reader.fields(), ",");
  row += ",requested_date,priority,next_action,next_action_due\n";
  out.write(row);
  std::string last_number, used;
  tracker_values values;
  while (reader.next()) {
    const auto fields = reader.fields();
    // The tracker is as of the review day: some open rows have used most of their quantity
    // since, leaving 1 unit up to just under 20% (quantity_low).
    used = fields[units_used];
    const auto approved = whole(fields[units]), used_before = whole(fields[units_used]);
    const auto from_day = parse_date(fields[effective]), to_day = parse_date(fields[expiration]);
    if (fields[status] == "approved" && approved && *approved >= 6 && used_before && from_day &&
        to_day && *from_day <= review_day && review_day <= *to_day && usage.chance(0.15)) {
      const std::int64_t left = usage.between(1, (*approved - 1) / 5);
      if (*approved - left > *used_before) {
        used = std::to_string(*approved - left);
        ++totals.mostly_used;
      }
    }
    if (fields[number] != last_number) {  // a new authorization: its rows are adjacent
      last_number = fields[number];
      const date from = from_day.value_or(review_day);
      const date to = to_day.value_or(review_day);
      const bool pending = fields[status] == "pending";
      const bool expedited = random.chance(0.2);
      // Pending requests went out 1 to 20 days before the review day, so that a review finds
      // some past their window and some not; decided ones 3 to 14 days before their window.
      const date requested = pending ? review_day - static_cast<std::int32_t>(random.between(1, 20))
                                     : from - static_cast<std::int32_t>(random.between(3, 14));
      values = {to_iso(requested), expedited ? "expedited" : "standard", "", ""};
      if (random.chance(0.3)) {
        values.next_action = random.pick(next_actions);
        values.next_action_due = to_iso(pending ? requested + 7 : to - 30);
        ++totals.with_next_action;
      }
      totals.pending += pending ? 1 : 0;
      totals.expedited += expedited ? 1 : 0;
    }
    row.clear();
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i != 0) row += ',';
      detail::append_csv_field(row, i == units_used ? std::string_view(used) : fields[i]);
    }
    for (const auto* value :
         {&values.requested, &values.priority, &values.next_action, &values.next_action_due}) {
      row += ',';
      detail::append_csv_field(row, *value);
    }
    row += '\n';
    out.write(row);
    ++totals.rows;
  }
  return totals;
}

std::uint64_t write_schedule(std::string_view auths_csv, std::uint64_t seed, output& out) {
  detail::csv_reader reader(auths_csv, "authorizations");
  if (!reader.next()) throw std::runtime_error("the generated authorizations CSV is empty");
  const detail::csv_header header(reader.fields());
  const auto column = [&](std::string_view name) {
    const auto at = header.find(name);
    if (at == detail::csv_header::absent) {
      throw std::runtime_error("the generated authorizations CSV lacks its columns");
    }
    return at;
  };
  const auto number = column("auth_number"), status = column("status"), payer = column("payer_id"),
             member = column("member_id"), dob = column("patient_dob"), code = column("code"),
             effective = column("effective_date"), expiration = column("expiration_date"),
             rendering = column("rendering_npi"), type = column("type");
  const date first_day = parse_date(tracker_review_day).value() + 1;
  const date last_day = first_day + 20;
  rng random(seed ^ 0x5c4edULL);
  out.write(
      "claim_id,line,member_id,payer_id,patient_dob,auth_number,code,units,service_date,"
      "rendering_npi,billing_npi\n");
  std::string row, last_number;
  std::uint64_t lines = 0;
  while (reader.next()) {
    const auto fields = reader.fields();
    if (fields[number] == last_number || fields[type] == "referral") continue;
    last_number = fields[number];
    const bool open = fields[status] == "approved" || fields[status] == "pending";
    const auto from = parse_date(fields[effective]), to = parse_date(fields[expiration]);
    if (!open || !from || !to || *to < first_day || *from > last_day || !random.chance(0.35)) {
      continue;
    }
    const date day = first_day + static_cast<std::int32_t>(random.between(0, last_day - first_day));
    row.clear();
    fmt::format_to(std::back_inserter(row), "SCH-{},1,{},{},{},{},{},1,{},{},\n", ++lines,
                   fields[member], fields[payer], fields[dob], fields[number], fields[code],
                   to_iso(day), fields[rendering]);
    out.write(row);
  }
  return lines;
}

}  // namespace authmatch::synth
