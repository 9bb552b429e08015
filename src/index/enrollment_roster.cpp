#include <authmatch/enrollment.hpp>

#include "index/string_pool.hpp"
#include "text/text.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// The rows as added, and for each payer and NPI the positions of its rows in order of their
/// first day (rows that start on the same day in the order they were added).
class enrollment_roster::impl {
 public:
  using row_list = std::vector<std::uint32_t>;

  std::vector<enrollment> rows;
  detail::string_pool payers, npis;
  std::unordered_map<std::uint64_t, row_list> by_provider;

  static std::uint64_t key(detail::string_pool::id payer, detail::string_pool::id npi) noexcept {
    return std::uint64_t{payer} << 32U | npi;
  }

  /// The rows of one payer and NPI; nullptr when the NPI has none with that payer.
  const row_list* rows_of(detail::string_pool::id payer, std::string_view npi) const noexcept {
    const auto npi_id = npis.find(npi);
    if (!npi_id) return nullptr;
    const auto found = by_provider.find(key(payer, *npi_id));
    return found == by_provider.end() ? nullptr : &found->second;
  }

  /// The row in effect on `day`: of the rows whose period holds it, the one that starts last.
  const enrollment* in_effect(const row_list& list, date day) const noexcept {
    const enrollment* found = nullptr;
    for (const auto at : list) {
      const auto& row = rows[at];
      if (row.effective_date > day) break;
      if (!row.end_date || *row.end_date >= day) found = &row;
    }
    return found;
  }

  /// What the roster says about a day on which no enrolled row is in effect.
  std::string standing(const row_list& list, date day, const enrollment* current) const {
    if (current) {
      return current->status == enrollment_status::pending
                 ? "pending since " + to_iso(current->effective_date)
                 : "terminated on " + to_iso(current->effective_date);
    }
    // No row holds the day: the row nearest to it says the most (an enrollment that starts
    // later, or one that ended).
    const enrollment* nearest = nullptr;
    std::int64_t nearest_distance = 0;
    for (const auto at : list) {
      const auto& row = rows[at];
      const auto distance =
          day < row.effective_date ? row.effective_date - day : day - row.end_date.value_or(day);
      if (!nearest || distance <= nearest_distance) {
        nearest = &row;
        nearest_distance = distance;
      }
    }
    if (!nearest) return "not on the roster";
    if (nearest->status == enrollment_status::terminated) {
      return "terminated on " + to_iso(nearest->effective_date);
    }
    const std::string status(to_string(nearest->status));
    return day < nearest->effective_date ? status + " from " + to_iso(nearest->effective_date)
                                         : status + " until " + to_iso(*nearest->end_date);
  }
};

enrollment_roster::enrollment_roster() noexcept = default;
enrollment_roster::enrollment_roster(enrollment_roster&&) noexcept = default;
enrollment_roster& enrollment_roster::operator=(enrollment_roster&&) noexcept = default;
enrollment_roster::~enrollment_roster() = default;

void enrollment_roster::add(enrollment row) {
  normalize(row);
  if (auto problem = check(row)) throw enrollment_error(std::move(*problem));
  if (!impl_) impl_ = std::make_unique<impl>();
  const auto at = static_cast<std::uint32_t>(impl_->rows.size());
  auto& list =
      impl_
          ->by_provider[impl::key(impl_->payers.intern(row.payer_id), impl_->npis.intern(row.npi))];
  const auto starts_later = [&](date first, std::uint32_t other) {
    return first < impl_->rows[other].effective_date;
  };
  list.insert(std::upper_bound(list.begin(), list.end(), row.effective_date, starts_later), at);
  impl_->rows.push_back(std::move(row));
}

std::size_t enrollment_roster::size() const noexcept { return impl_ ? impl_->rows.size() : 0; }

std::span<const enrollment> enrollment_roster::rows() const noexcept {
  if (!impl_) return {};
  return impl_->rows;
}

bool enrollment_roster::tracks(std::string_view payer_id) const {
  std::string scratch;
  return impl_ && impl_->payers.find(detail::normalized(payer_id, scratch)).has_value();
}

std::optional<std::string> enrollment_roster::gap(std::string_view payer_id, std::string_view npi,
                                                  date first_day, date last_day) const {
  if (!impl_) return std::nullopt;
  std::string payer_scratch, npi_scratch;
  const auto payer = impl_->payers.find(detail::normalized(payer_id, payer_scratch));
  if (!payer) return std::nullopt;  // not tracked
  const auto* list = impl_->rows_of(*payer, detail::normalized(npi, npi_scratch));
  if (!list) return std::string("not on the roster");

  // Walks the days from the first to the last, from one day the row in effect may change to
  // the next: the day after it ends, or the day a later row starts.
  for (date day = first_day;;) {
    const auto* current = impl_->in_effect(*list, day);
    if (!current || current->status != enrollment_status::enrolled) {
      return impl_->standing(*list, day, current);
    }
    std::optional<date> change;
    if (current->end_date) change = *current->end_date + 1;
    for (const auto at : *list) {
      const auto starts = impl_->rows[at].effective_date;
      if (starts > day && (!change || starts < *change)) change = starts;
    }
    if (!change || *change > last_day) return std::nullopt;
    day = *change;
  }
}

}  // namespace v0
}  // namespace authmatch
