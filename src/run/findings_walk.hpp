#ifndef AUTHMATCH_SRC_RUN_FINDINGS_WALK_HPP
#define AUTHMATCH_SRC_RUN_FINDINGS_WALK_HPP

// A run's findings in the order they are handed out: the spooled ones and settlement's about
// claims merged with settlement's units findings.

#include "run/claim_file.hpp"
#include "run/finding_spool.hpp"
#include "run/run_state.hpp"
#include "run/units_store.hpp"

#include <cstdint>
#include <functional>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// One walk over a settled run's findings, in handing-out order. The walk is cut in stretches
/// where the spool's stretches begin (finding_spool::stretch_size): a walk reads in full only
/// the findings of the stretches it wants, and goes past the others reading no more than
/// their places. Several walks may go over one run at once, each on its thread, while the run
/// does not change: each reads the spools and files with its own cursors.
class findings_walk {
 public:
  /// Whether a walk wants a stretch: asked once a stretch, in order, when the walk reads the
  /// stretch's first record from the spool (before it has gone past the findings of the stretch
  /// before), and for stretch 0 when the walk is made.
  using chooser = std::function<bool(std::uint64_t stretch)>;
  /// What the walk's caller does with the findings it gets: reads them only (formats them, say),
  /// or may move from them. With `reads`, a finding read back from a spool is put together
  /// from its differences to the one before; with `may_move`, every value is copied.
  enum class caller { reads, may_move };

  /// Walks `run`'s findings, wanting the stretches `choose` chooses (every one when it is
  /// empty), for a caller that does with them what `use` says. The spools must have ended
  /// writing (finding_spool::end_writing).
  findings_walk(run_state& run, caller use, chooser choose = {});
  findings_walk(const findings_walk&) = delete;
  findings_walk& operator=(const findings_walk&) = delete;

  /// Goes to the next finding; false after the last.
  bool next();
  /// The stretch of the finding gone to: the findings before the spool's first are in stretch
  /// 0, and the stretches are numbered in order.
  std::uint64_t stretch() const noexcept { return stretch_; }
  /// Whether the walk wants the stretch of the finding gone to.
  bool wanted() const noexcept { return wanted_; }
  /// The finding gone to, of a wanted stretch; valid until next(). Only a walk made with
  /// caller::may_move may move from it or change it.
  finding& get();

 private:
  enum class source { none, spooled_finding, units_finding, claim_change };

  bool wants(std::uint64_t stretch) const { return !wants_ || wants_(stretch); }
  /// Reads the spool's next record, decoded when the walk wants its stretch.
  void read_spooled();
  void read_change();
  /// Goes past the finding gone to.
  void leave();

  run_state& run_;
  last_finding last_;  ///< what the caller left of the spools' findings it got
  chooser wants_;
  finding_spool::cursor spool_, changes_;
  finding_spool::record spooled_, change_;
  bool spooled_left_ = false, changes_left_ = false;
  std::uint64_t spooled_stretch_ = 0;  ///< the stretch of spooled_
  bool spooled_wanted_ = false;        ///< whether the walk wants it
  units_store::in_order units_;
  claim_reader claims_;  ///< for units findings, which come in the claims' order
  source at_ = source::none;
  std::uint64_t stretch_ = 0;
  bool wanted_ = false;
  finding written_;  ///< a finding read from a spool or made from a units finding
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
