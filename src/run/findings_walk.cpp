#include "run/findings_walk.hpp"

#include "run/settlement.hpp"

#include <cassert>
#include <utility>

namespace authmatch {
inline namespace v0 {
namespace detail {

findings_walk::findings_walk(run_state& run, caller use, chooser choose)
    : run_(run),
      last_(use == caller::reads ? last_finding::untouched : last_finding::maybe_changed),
      wants_(std::move(choose)),
      spool_(run.spool),
      changes_(run.claim_changes),
      units_(run.units_findings),
      claims_(run.claims.file()) {
  spooled_wanted_ = wanted_ = wants(0);
  read_spooled();
  read_change();
}

void findings_walk::read_spooled() {
  spooled_left_ = spool_.next(spooled_);
  if (!spooled_left_) return;
  if (spooled_.starts_stretch) spooled_wanted_ = wants(++spooled_stretch_);
  if (spooled_.delta && spooled_wanted_) spool_.decode(spooled_, last_);
}

void findings_walk::read_change() {
  // A few: every one is decoded, as its stretches are not the walk's.
  changes_left_ = changes_.next(change_);
  if (changes_left_ && change_.delta) changes_.decode(change_, last_);
}

void findings_walk::leave() {
  switch (at_) {
    case source::spooled_finding: read_spooled(); break;
    case source::units_finding: units_.pop(); break;
    case source::claim_change: read_change(); break;
    case source::none: break;
  }
}

bool findings_walk::next() {
  leave();
  // The first of the three heads in order; on a tie, the first considered.
  at_ = source::none;
  finding_key first;
  const auto consider = [&](finding_key key, source from) {
    if (at_ == source::none || key < first) {
      first = key;
      at_ = from;
    }
  };
  if (spooled_left_)
    consider(finding_key(spooled_.sequence, spooled_.kind), source::spooled_finding);
  if (const auto* next_units = units_.peek()) consider(key_of(*next_units), source::units_finding);
  if (changes_left_) consider(finding_key(change_.sequence, change_.kind), source::claim_change);
  if (at_ == source::spooled_finding) {
    stretch_ = spooled_stretch_;
    wanted_ = spooled_wanted_;
  }
  return at_ != source::none;
}

finding& findings_walk::get() {
  assert(wanted());
  switch (at_) {
    case source::spooled_finding: return finding_spool::decoded(spooled_, written_);
    case source::units_finding: write_units_finding(run_, *units_.peek(), claims_, written_); break;
    case source::claim_change: return finding_spool::decoded(change_, written_);
    case source::none: assert(false); break;
  }
  return written_;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
