#include "envelope.hpp"

#include "text/printable.hpp"

#include <fmt/format.h>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {
namespace {

using ::authmatch::detail::quoted_value;

bool all_digits(std::string_view text) noexcept {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

/// Control numbers are compared as numbers when both are numeric ("000000905" == "905").
bool same_control(std::string_view a, std::string_view b) noexcept {
  if (all_digits(a) && all_digits(b)) {
    while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
    while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  }
  return a == b;
}

}  // namespace

void envelope_checker::on_isa(const segment& seg, const isa_header& isa) {
  close_interchange_missing_iea(seg.where, "before the next ISA");
  if (isa.length != isa_fixed_width) {  // nothing is lost: a note, not a fault
    out_->emit(diagnostic_kind::value, seg.where, "ISA", 0,
               fmt::format("the ISA is {} characters long instead of {}; its delimiters were read "
                           "from its separators",
                           isa.length, isa_fixed_width));
  }
  interchange_.open = true;
  interchange_.where = seg.where;
  interchange_.control.assign(isa.control_number);
  interchange_.children = 0;
  ++out_->stats().interchanges;
}

void envelope_checker::on_gs(const segment& seg, const elements& e) {
  close_group_missing_ge(seg.where, "before the next GS");
  if (!interchange_.open) {
    out_->emit(diagnostic_kind::envelope, seg.where, "GS", 0,
               "GS outside an interchange: no ISA opens it");
  } else {
    ++interchange_.children;
  }
  group_.open = true;
  group_.where = seg.where;
  group_.control.assign(e[6]);
  group_.children = 0;
  group_version_.assign(e[8]);
  ++out_->stats().groups;
}

void envelope_checker::on_st(const segment& seg, const elements& e) {
  close_transaction_missing_se(seg.where, "before the next ST");
  if (!group_.open) {
    out_->emit(diagnostic_kind::envelope, seg.where, "ST", 0,
               "ST outside a functional group: no GS opens it");
  } else {
    ++group_.children;
  }
  transaction_.open = true;
  transaction_.where = seg.where;
  transaction_.control.assign(e[2]);
  transaction_.segments = 1;
  outside_reported_ = false;
  ++out_->stats().transactions;
}

void envelope_checker::on_other(const segment& seg) {
  if (transaction_.open) {
    ++transaction_.segments;
    return;
  }
  if (outside_reported_) return;
  outside_reported_ = true;
  out_->emit(diagnostic_kind::envelope, seg.where, seg.id, 0,
             fmt::format("segment {} is outside a transaction (no ST opens it); "
                         "later ones up to the next ST are not reported again",
                         quoted_value(seg.id)));
}

void envelope_checker::on_se(const segment& seg, const elements& e) {
  if (!transaction_.open) {
    out_->emit(diagnostic_kind::envelope, seg.where, "SE", 0, "SE without an ST before it");
    return;
  }
  ++transaction_.segments;
  check_count(seg, 1, "SE01", e[1], transaction_.segments, "segments from ST to SE");
  check_control(seg, 2, "SE02", e[2], transaction_, "ST02");
  transaction_.open = false;
}

void envelope_checker::on_ge(const segment& seg, const elements& e) {
  close_transaction_missing_se(seg.where, "before GE");
  if (!group_.open) {
    out_->emit(diagnostic_kind::envelope, seg.where, "GE", 0, "GE without a GS before it");
    return;
  }
  check_count(seg, 1, "GE01", e[1], group_.children, "transaction sets (ST)");
  check_control(seg, 2, "GE02", e[2], group_, "GS06");
  group_.open = false;
}

void envelope_checker::on_iea(const segment& seg, const elements& e) {
  close_group_missing_ge(seg.where, "before IEA");
  if (!interchange_.open) {
    out_->emit(diagnostic_kind::envelope, seg.where, "IEA", 0, "IEA without an ISA before it");
    return;
  }
  check_count(seg, 1, "IEA01", e[1], interchange_.children, "functional groups (GS)");
  check_control(seg, 2, "IEA02", e[2], interchange_, "ISA13");
  interchange_.open = false;
}

void envelope_checker::resume(const envelope_resume& open, std::uint64_t transactions_before) {
  interchange_ = level{true, open.isa_at, open.isa_control, 1, 0};
  group_ = level{true, open.gs_at, open.gs_control, transactions_before, 0};
  group_version_ = open.gs_version;
  transaction_ = level{};
  outside_reported_ = false;
}

void envelope_checker::finish(position end) {
  close_interchange_missing_iea(end, "at the end of the input");
}

void envelope_checker::close_transaction_missing_se(position at, std::string_view why) {
  if (!transaction_.open) return;
  transaction_.open = false;
  out_->emit(diagnostic_kind::envelope, at, "", 0,
             fmt::format("transaction {} (ST at segment {}) has no SE {}", transaction_.control,
                         transaction_.where.number, why));
}

void envelope_checker::close_group_missing_ge(position at, std::string_view why) {
  close_transaction_missing_se(at, why);
  if (!group_.open) return;
  group_.open = false;
  out_->emit(diagnostic_kind::envelope, at, "", 0,
             fmt::format("functional group {} (GS at segment {}) has no GE {}", group_.control,
                         group_.where.number, why));
}

void envelope_checker::close_interchange_missing_iea(position at, std::string_view why) {
  close_group_missing_ge(at, why);
  if (!interchange_.open) return;
  interchange_.open = false;
  out_->emit(diagnostic_kind::envelope, at, "", 0,
             fmt::format("interchange {} (ISA at segment {}) has no IEA {}", interchange_.control,
                         interchange_.where.number, why));
}

void envelope_checker::check_count(const segment& seg, std::size_t element, std::string_view name,
                                   std::string_view value, std::uint64_t actual,
                                   std::string_view what) {
  std::uint64_t declared = 0;
  bool numeric = all_digits(value) && value.size() <= 18;
  if (numeric) {
    for (char c : value) declared = declared * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!numeric) {
    out_->emit(diagnostic_kind::envelope, seg.where, seg.id, element,
               fmt::format("{} {} is not a count; there are {} {}", name, quoted_value(value),
                           actual, what));
  } else if (declared != actual) {
    out_->emit(diagnostic_kind::envelope, seg.where, seg.id, element,
               fmt::format("{} says {} but there are {} {}", name, declared, actual, what));
  }
}

void envelope_checker::check_control(const segment& seg, std::size_t element, std::string_view name,
                                     std::string_view value, const level& header,
                                     std::string_view header_name) {
  if (same_control(value, header.control)) return;
  out_->emit(diagnostic_kind::envelope, seg.where, seg.id, element,
             fmt::format("{} {} does not match {} {} (segment {})", name, quoted_value(value),
                         header_name, quoted_value(header.control), header.where.number));
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
