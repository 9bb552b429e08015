#include "index/index_data.hpp"
#include "index/prefetch_ahead.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <exception>
#include <limits>
#include <stdexcept>
#include <thread>
#include <utility>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

using string_id = string_pool::id;

std::uint64_t patient_code_hash(string_id payer, string_id member, string_id code) noexcept {
  std::uint64_t h = payer;
  h = h * 0x9E3779B97F4A7C15ULL ^ member;
  h = h * 0x9E3779B97F4A7C15ULL ^ code;
  return h ^ (h >> 29);
}

std::uint64_t patient_hash(string_id payer, string_id member) noexcept {
  const std::uint64_t h = std::uint64_t{payer} * 0x9E3779B97F4A7C15ULL ^ member;
  return h ^ (h >> 29);
}

}  // namespace

auto index_data::patient_of() const noexcept {
  return [this](row_id r) { return patient_hash(rows_[r].payer, rows_[r].member); };
}

auto index_data::patient_code_of() const noexcept {
  return [this](row_id r) {
    return patient_code_hash(rows_[r].payer, rows_[r].member, rows_[r].code);
  };
}

void index_data::store_lists(const authorization& auth, auth_row& row) {
  const std::vector<std::string>* lists[auth_row::list_count] = {
      &auth.rendering_npis, &auth.facility_npis, &auth.places_of_service, &auth.diagnosis_codes,
      &auth.modifiers};
  static constexpr std::string_view names[auth_row::list_count] = {
      "rendering_npi", "facility_npi", "place_of_service", "diagnosis_codes", "modifiers"};
  for (std::size_t i = 0; i < auth_row::list_count; ++i) {
    if (lists[i]->size() > auth_row::max_list_size) {
      throw authorization_error(field_problem{
          names[i],
          fmt::format("holds {} values; at most {}", lists[i]->size(), auth_row::max_list_size)});
    }
  }
  if (list_ids_.size() > std::numeric_limits<std::uint32_t>::max() - 5 * auth_row::max_list_size) {
    throw std::length_error("authorization_index: too many listed values");
  }
  row.lists = static_cast<std::uint32_t>(list_ids_.size());
  for (std::size_t i = 0; i < auth_row::list_count; ++i) {
    row.list_sizes[i] = static_cast<std::uint16_t>(lists[i]->size());
    for (const auto& value : *lists[i]) list_ids_.push_back(strings_.intern(value));
  }
}

index_data::row_id index_data::add(authorization& auth) {
  normalize(auth);
  if (auto problem = check(auth)) throw authorization_error(std::move(*problem));

  // Rows sharing a number form one authorization (or referral): the same patient, the same type.
  // A number interned before may have rows; a new one (interned here, in one lookup) has none.
  auth_row row;
  const auto known = strings_.size();
  row.number = strings_.intern(auth.auth_number);
  if (row.number < known) {
    if (const auto same = rows_with_number(row.number); !same.empty()) {
      const auto& first = rows_[same.front()];
      const auto payer = strings_.find(auth.payer_id);
      const auto member = strings_.find(auth.member_id);
      const date dob = auth.patient_dob.value_or(date());
      if (first.type != auth.type) {
        throw authorization_error(field_problem{
            "type", fmt::format("{} is already on file as {}; one number is an authorization or "
                                "a referral, not both",
                                auth.auth_number, to_string(first.type))});
      }
      if (!payer || !member || *payer != first.payer || *member != first.member ||
          dob != first.patient_dob) {
        throw authorization_error(field_problem{
            "auth_number",
            fmt::format("{} is already on file for payer {} member {}{}; one authorization "
                        "number covers one patient",
                        auth.auth_number, text(first.payer), text(first.member),
                        first.patient_dob.is_set() ? " born " + to_iso(first.patient_dob)
                                                   : std::string())});
      }
    }
  }

  // The row's slots in its groupings load while its other values are interned and its lists
  // stored (cache misses in a large index, one after the other otherwise).
  by_number_.prefetch(row.number);
  row.payer = strings_.intern(auth.payer_id);
  row.member = strings_.intern(auth.member_id);
  row.code = strings_.intern(auth.code);
  row.type = auth.type;
  if (!grouping_later_) {
    prefetch_patient_slot(row);
    prefetch_member_slot(row);
  }
  row.patient_dob = auth.patient_dob.value_or(date());
  row.effective = auth.effective_date;
  row.expiration = auth.expiration_date;
  row.has_unit_limit = auth.units.has_value();
  row.units = auth.units.value_or(decimal());
  row.units_used = auth.units_used;
  row.status = auth.status;
  row.unit_type = auth.unit_type;
  if (auth.level_of_care) row.level = static_cast<std::uint8_t>(*auth.level_of_care) + 1;
  if (auth.claim_type) row.claim_kind = static_cast<std::uint8_t>(*auth.claim_type) + 1;
  store_lists(auth, row);

  const auto id = static_cast<row_id>(rows_.size());
  if (auth.requested_date || auth.next_action_due || !auth.next_action.empty() ||
      auth.priority != auth_priority::standard) {
    tracker_values extra{id,
                         auth.requested_date.value_or(date()),
                         auth.next_action_due.value_or(date()),
                         auth.priority,
                         0,
                         false};
    if (!auth.next_action.empty()) {
      extra.next_action = strings_.intern(auth.next_action);
      extra.has_next_action = true;
    }
    tracker_.push_back(extra);
  }
  rows_.push_back(row);
  by_number_.add(row.number, id);
  if (!grouping_later_) {
    group_by_patient(id);
    group_by_member(id);
  }
  return id;
}

std::uint64_t index_data::patient_key(const auth_row& row) noexcept {
  return row.is_referral() ? patient_hash(row.payer, row.member)
                           : patient_code_hash(row.payer, row.member, row.code);
}

void index_data::prefetch_patient_slot(const auth_row& row) const noexcept {
  (row.is_referral() ? referrals_ : by_patient_code_).prefetch(patient_key(row));
}

void index_data::prefetch_member_slot(const auth_row& row) const noexcept {
  if (!row.is_referral()) by_member_.prefetch(row.member);
}

void index_data::group_by_patient(row_id id) {
  const auto& row = rows_[id];
  if (row.is_referral()) {
    referrals_.add(
        patient_key(row), id,
        [&](row_id r) { return rows_[r].payer == row.payer && rows_[r].member == row.member; },
        patient_of());
    return;
  }
  const auto same_patient_code = [&](row_id r) {
    const auto& other = rows_[r];
    return other.payer == row.payer && other.member == row.member && other.code == row.code;
  };
  by_patient_code_.add(patient_key(row), id, same_patient_code, patient_code_of());
}

void index_data::group_by_member(row_id id) {
  const auto& row = rows_[id];
  if (row.is_referral()) return;
  by_member_.add(row.member, id);
}

void index_data::group_later() noexcept {
  if (!grouping_later_) ungrouped_from_ = static_cast<row_id>(rows_.size());
  grouping_later_ = true;
}

void index_data::group_rows(unsigned threads) {
  if (!grouping_later_) return;
  grouping_later_ = false;
  const auto first = std::exchange(ungrouped_from_, row_id{0});
  const auto end = static_cast<row_id>(rows_.size());
  // Each grouping alone, over the rows in order (the order a row at a time gives), its slot
  // for a row asked for a few rows ahead.
  constexpr std::size_t ahead = 8;
  const auto by_patient = [this, first, end] {
    for_each_prefetched(
        first, end, 1, ahead,
        [this](std::size_t later, int) { prefetch_patient_slot(rows_[later]); },
        [this](std::size_t r) { group_by_patient(static_cast<row_id>(r)); });
  };
  const auto by_member = [this, first, end] {
    for_each_prefetched(
        first, end, 1, ahead,
        [this](std::size_t later, int) { prefetch_member_slot(rows_[later]); },
        [this](std::size_t r) { group_by_member(static_cast<row_id>(r)); });
  };
  if (threads < 2) {
    by_patient();
    by_member();
    return;
  }
  // The two touch different groupings and only read the rows.
  std::exception_ptr failed;
  {
    std::jthread other([&] {
      try {
        by_member();
      } catch (...) {
        failed = std::current_exception();
      }
    });
    by_patient();
  }
  if (failed) std::rethrow_exception(failed);
}

void index_data::reserve(std::size_t rows) {
  // A row brings a string and a bit of its own, of about ten characters: its number (shared by
  // the rows of an authorization of several codes), its member's ID (shared by the member's
  // authorizations), an NPI or diagnosis now and then. A tracker of a million rows (the
  // benchmarks') holds 1.19 strings and 11.8 characters a row. Room for more would be trimmed
  // once every row is in, and held twice meanwhile; a tracker with more (notes in next_action,
  // several NPIs a row) grows its pool as it needs, by doubling.
  strings_.reserve(rows * 5 / 4, rows * 12);
  rows_.reserve(rows);
  by_number_.reserve(rows * 5 / 4);  // by string id (members, grouped later, grow as they come)
  by_patient_code_.reserve(rows, patient_code_of());
}

void index_data::shrink_to_fit() {
  strings_.shrink_to_fit();
  trim_spare(rows_);
  trim_spare(list_ids_);
  trim_spare(tracker_);
  by_number_.shrink_to_fit();
  by_patient_code_.shrink_to_fit(patient_code_of());
  by_member_.shrink_to_fit();
  referrals_.shrink_to_fit(patient_of());
}

authorization index_data::get(row_id which) const {
  const auto& r = rows_[which];
  const auto strings_of = [this](id_list list) {
    std::vector<std::string> out;
    for (const auto id : ids(list)) out.emplace_back(text(id));
    return out;
  };
  authorization auth;
  auth.auth_number = text(r.number);
  auth.status = r.status;
  auth.payer_id = text(r.payer);
  auth.member_id = text(r.member);
  if (r.patient_dob.is_set()) auth.patient_dob = r.patient_dob;
  auth.code = text(r.code);
  if (r.has_unit_limit) auth.units = r.units;
  auth.units_used = r.units_used;
  auth.unit_type = r.unit_type;
  auth.effective_date = r.effective;
  auth.expiration_date = r.expiration;
  auth.type = r.type;
  auth.rendering_npis = strings_of(r.rendering_npis());
  auth.facility_npis = strings_of(r.facility_npis());
  auth.places_of_service = strings_of(r.places_of_service());
  auth.diagnosis_codes = strings_of(r.diagnosis_codes());
  auth.modifiers = strings_of(r.modifiers());
  auth.level_of_care = r.level_of_care();
  auth.claim_type = r.claim_type();
  const auto extra =
      std::lower_bound(tracker_.begin(), tracker_.end(), which,
                       [](const tracker_values& values, row_id row) { return values.row < row; });
  if (extra != tracker_.end() && extra->row == which) {
    if (extra->requested.is_set()) auth.requested_date = extra->requested;
    if (extra->next_action_due.is_set()) auth.next_action_due = extra->next_action_due;
    auth.priority = extra->priority;
    if (extra->has_next_action) auth.next_action = text(extra->next_action);
  }
  return auth;
}

std::span<const index_data::row_id> index_data::rows_with_number(
    std::string_view auth_number) const noexcept {
  const auto number = strings_.find(auth_number);
  return number ? rows_with_number(*number) : std::span<const row_id>{};
}

std::span<const index_data::row_id> index_data::rows_with_number(
    string_pool::id number) const noexcept {
  return by_number_.find(number);
}

template <typename Groups>
inline void index_data::prefetch_rows(const Groups& groups, int step,
                                      lookup_ahead& ahead) const noexcept {
  if (step == 2) {
    strings_.prefetch_text(ahead.text, true);
    const auto found = groups.prefetch_group(static_cast<typename Groups::key>(ahead.key));
    ahead.found_row = found.has_value();
    if (found) {
      ahead.row = *found;
      __builtin_prefetch(&rows_[*found]);
    }
  } else if (ahead.found_row && rows_[ahead.row].lists < list_ids_.size()) {
    __builtin_prefetch(&list_ids_[rows_[ahead.row].lists]);
  }
}

void index_data::prefetch_number(std::string_view number, int step,
                                 lookup_ahead& ahead) const noexcept {
  if (step == 0) {
    ahead.hashes[0] = string_pool::hash_of(number);
    strings_.prefetch_slot(ahead.hashes[0]);
    return;
  }
  if (step == 1) {
    const auto id = strings_.likely_id(ahead.hashes[0]);
    ahead.found_key = id.has_value();
    if (!id) return;
    ahead.key = ahead.text = *id;
    strings_.prefetch_text(*id, false);
    by_number_.prefetch(*id);
    return;
  }
  if (ahead.found_key) prefetch_rows(by_number_, step, ahead);
}

void index_data::prefetch_patient_code(std::string_view payer_id, std::string_view member_id,
                                       std::string_view code, int step,
                                       lookup_ahead& ahead) const noexcept {
  if (step == 0) {
    std::size_t i = 0;
    for (const auto text : {payer_id, member_id, code}) {
      ahead.hashes[i] = string_pool::hash_of(text);
      strings_.prefetch_slot(ahead.hashes[i++]);
    }
    return;
  }
  if (step == 1) {
    // Payers and codes are few: their text is loaded already, a member's is not.
    const auto payer = strings_.likely_id(ahead.hashes[0]);
    const auto member = strings_.likely_id(ahead.hashes[1]);
    const auto code_id = strings_.likely_id(ahead.hashes[2]);
    ahead.found_key = payer && member && code_id;
    if (!ahead.found_key) return;
    ahead.key = patient_code_hash(*payer, *member, *code_id);
    ahead.text = *member;
    strings_.prefetch_text(*member, false);
    by_patient_code_.prefetch(ahead.key);
    return;
  }
  if (ahead.found_key) prefetch_rows(by_patient_code_, step, ahead);
}

std::span<const index_data::row_id> index_data::rows_for(std::string_view payer_id,
                                                         std::string_view member_id,
                                                         std::string_view code) const noexcept {
  const auto payer = strings_.find(payer_id);
  const auto member = strings_.find(member_id);
  const auto code_id = strings_.find(code);
  if (!payer || !member || !code_id) return {};
  return by_patient_code_.find(patient_code_hash(*payer, *member, *code_id), [&](row_id r) {
    const auto& row = rows_[r];
    return row.payer == *payer && row.member == *member && row.code == *code_id;
  });
}

std::span<const index_data::row_id> index_data::rows_of_member(
    std::string_view member_id) const noexcept {
  const auto member = strings_.find(member_id);
  if (!member) return {};
  return by_member_.find(*member);
}

std::span<const index_data::row_id> index_data::referrals_of(
    std::string_view payer_id, std::string_view member_id) const noexcept {
  const auto payer = strings_.find(payer_id);
  const auto member = strings_.find(member_id);
  if (!payer || !member) return {};
  return referrals_.find(patient_hash(*payer, *member), [&](row_id r) {
    return rows_[r].payer == *payer && rows_[r].member == *member;
  });
}

bool index_data::contains(id_list list, std::string_view value) const noexcept {
  const auto id = strings_.find(value);
  if (!id) return false;
  const auto values = ids(list);
  return std::find(values.begin(), values.end(), *id) != values.end();
}

index_data& index_access::building(authorization_index& index) {
  if (!index.impl_) index.impl_ = std::make_unique<authorization_index::impl>();
  return *index.impl_;
}

const index_data& no_index_data() noexcept {
  static const index_data none;
  return none;
}

}  // namespace detail

// --- the public face: every call goes to the data ---------------------------------------------

authorization_index::authorization_index() noexcept = default;
authorization_index::authorization_index(authorization_index&&) noexcept = default;
authorization_index& authorization_index::operator=(authorization_index&&) noexcept = default;
authorization_index::~authorization_index() = default;

authorization_index::row_id authorization_index::add(authorization auth) {
  if (!impl_) impl_ = std::make_unique<impl>();
  return impl_->add(auth);
}

void authorization_index::reserve(std::size_t rows) {
  if (!impl_) impl_ = std::make_unique<impl>();
  impl_->reserve(rows);
}

void authorization_index::shrink_to_fit() {
  if (impl_) impl_->shrink_to_fit();
}

std::size_t authorization_index::size() const noexcept { return detail::data_of(*this).size(); }

authorization authorization_index::get(row_id row) const { return detail::data_of(*this).get(row); }

std::span<const authorization_index::row_id> authorization_index::rows_with_number(
    std::string_view auth_number) const noexcept {
  return detail::data_of(*this).rows_with_number(auth_number);
}

std::span<const authorization_index::row_id> authorization_index::rows_for(
    std::string_view payer_id, std::string_view member_id, std::string_view code) const noexcept {
  return detail::data_of(*this).rows_for(payer_id, member_id, code);
}

std::span<const authorization_index::row_id> authorization_index::rows_of_member(
    std::string_view member_id) const noexcept {
  return detail::data_of(*this).rows_of_member(member_id);
}

std::span<const authorization_index::row_id> authorization_index::referrals_of(
    std::string_view payer_id, std::string_view member_id) const noexcept {
  return detail::data_of(*this).referrals_of(payer_id, member_id);
}

}  // namespace v0
}  // namespace authmatch
