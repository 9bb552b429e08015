#include "generator.hpp"

#include "population.hpp"
#include "random.hpp"

#include <authmatch/claim_record.hpp>
#include <authmatch/finding.hpp>
#include <authmatch/x12/place_of_service.hpp>
#include "text/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <string>
#include <vector>

namespace authmatch::synth {
namespace {

// ---------------------------------------------------------------------------------------------
// One claim as the generator decides it, then written as X12 and reported line by line.

/// A line's REF*G1 that no authorization has.
constexpr std::string_view unknown_auth_number = "PA99999999";

/// How many days before its authorization ends a clean claim starts at the latest: its lines
/// (up to three weeks later) end more than the 30 days before it that draw an
/// auth_expiring_soon warning.
constexpr std::int64_t clean_days_before_end = 60;

struct line_model {
  std::uint32_t number = 0;
  std::string_view code, revenue;
  std::array<std::string_view, 2> modifiers{};
  std::size_t modifier_count = 0;
  std::int64_t units = 0;  ///< thousandths
  std::int64_t charge = 0;
  bool has_dates = true;
  std::int64_t from = 0, to = 0;
  std::string_view place;                 ///< SV105; empty: the claim's
  std::string auth_number;                ///< line REF*G1
  std::string_view rendering;             ///< 2420A (837P) / 2420C (837I)
  std::string_view facility;              ///< 2420C (837P)
  std::array<std::size_t, 2> pointers{};  ///< 1-based into the claim's diagnoses
  std::size_t pointer_count = 0;
};

struct claim_model {
  std::string id;
  const member* who = nullptr;
  std::size_t patient_index = 0;
  std::string_view billing;
  std::string_view place;  ///< CLM05-1: place of service (837P) or facility type (837I)
  char frequency = '1';
  std::string original_id;
  std::string auth_number;           ///< claim REF*G1
  std::string_view referral_number;  ///< claim REF*9F
  std::string_view rendering, facility;
  std::int64_t from = 0, to = 0;           ///< 837I statement dates
  std::array<std::string, 4> diagnoses{};  ///< without their dots, as HI carries them
  std::size_t diagnosis_count = 0;
  std::vector<line_model> lines;
};

class writer {
 public:
  writer(const options& opts, output& x12, const population& people, rng& random,
         const std::function<void(const expected_line&)>& on_line)
      : opts_(opts),
        out_(&x12),
        seg_(x12, opts.delims),
        people_(&people),
        random_(&random),
        on_line_(on_line) {}

  totals run() {
    begin_interchange();
    const bool by_size = opts_.target_bytes > 0;
    while (by_size ? out_->bytes_written() < opts_.target_bytes : totals_.claims < opts_.claims) {
      if (in_transaction_ == 0) begin_transaction();
      make_claim();
      write_claim();
      report_claim();
      ++totals_.claims;
      if (++in_transaction_ == opts_.claims_per_transaction) end_transaction();
    }
    if (in_transaction_ > 0) end_transaction();
    end_interchange();
    totals_.x12_bytes = out_->bytes_written();
    return totals_;
  }

 private:
  bool institutional() const noexcept { return opts_.kind == claim_kind::institutional; }
  std::string_view version() const noexcept {
    return institutional() ? "005010X223A2" : "005010X222A1";
  }

  void begin_interchange() {
    write_isa(*out_, opts_.delims, "AUTHMATCHSYNTH", "PAYERGATEWAY", "260901");
    seg_.begin("GS").add("HC").add("AUTHMATCHSYNTH").add("PAYERGATEWAY").add("20260901");
    seg_.add("1200").add("1").add("X").add(version()).end();
  }

  void end_interchange() {
    seg_.begin("GE").add(std::to_string(transactions_)).add("1").end();
    seg_.begin("IEA").add("1").add("000000001").end();
  }

  void begin_transaction() {
    ++transactions_;
    control_ = std::to_string(1000 + transactions_);
    seg_.reset_count();
    seg_.begin("ST").add("837").add(control_).add(version()).end();
    seg_.begin("BHT")
        .add("0019")
        .add("00")
        .add(control_)
        .add("20260901")
        .add("1200")
        .add("CH")
        .end();
    seg_.begin("NM1").add("41").add("2").add("AUTHMATCH SYNTH BILLING").add("").add("").add("");
    seg_.add("").add("46").add("SYN0001").end();
    seg_.begin("PER").add("IC").add("BILLING OFFICE").add("TE").add("5555550100").end();
    seg_.begin("NM1").add("40").add("2").add("PAYER GATEWAY").add("").add("").add("").add("");
    seg_.add("46").add("PGW01").end();
    hl_ = 0;
    billing_hl_ = 0;
    current_billing_ = {};
  }

  void end_transaction() {
    seg_.begin("SE").add(std::to_string(seg_.count() + 1)).add(control_).end();
    in_transaction_ = 0;
  }

  /// The problem planted on a line of a batch with a problem share; none on a clean line.
  enum class planted { none, unapproved_code, unknown_number, after_window };

  bool planting() const noexcept { return opts_.problem_share.has_value(); }

  /// A rendering NPI of the population; one the roster enrolls when planting.
  std::string_view any_rendering() const {
    const auto& rendering = people_->rendering;
    const std::size_t first = planting() ? first_enrolled_rendering : 0;
    return rendering[first + random_->below(rendering.size() - first)];
  }

  /// Whether the next line carries a problem, and which.
  planted plant() const {
    if (!planting() || !random_->chance(*opts_.problem_share)) return planted::none;
    // An 837I line's dates stay within its claim's statement: no day after the window.
    switch (random_->below(institutional() ? 2 : 3)) {
      case 0: return planted::unapproved_code;
      case 1: return planted::unknown_number;
      default: return planted::after_window;
    }
  }

  void make_claim() {
    rng& r = *random_;
    claim_model& c = claim_;
    c.id = fmt::format("{}{}", institutional() ? 'I' : 'P', 10000000 + totals_.claims);
    c.who = &people_->members[r.below(people_->members.size())];
    c.patient_index =
        c.who->patients.size() > 1 && r.chance(0.4) ? 1 + r.below(c.who->patients.size() - 1) : 0;
    const authorization& a = c.who->patients[c.patient_index].auth;
    const specialty& kind = specialties[a.specialty];
    // A claim's billing provider stays for a run of claims, as in a real batch.
    if (current_billing_.empty() || r.chance(0.05)) {
      const std::size_t first = planting() ? first_enrolled_billing : 0;
      current_billing_ = people_->billing[first + r.below(people_->billing.size() - first)];
    }
    c.billing = current_billing_;
    c.place = institutional() ? r.pick(bill_types)
                              : (a.place.empty() || r.chance(0.08) ? r.pick(places) : a.place);
    c.frequency = '1';
    c.original_id.clear();
    if (!planting() && r.chance(0.06)) {
      c.frequency = r.chance(0.8) ? '7' : '8';
      c.original_id = fmt::format("ICN{}", r.between(100000000, 999999999));
    }
    // REF*G1 on the claim (sometimes a wrong number), on its lines, or nowhere.
    c.auth_number.clear();
    // When planting, every claim carries the number: a problem goes on one line only.
    const double ref = planting() ? 0.0 : static_cast<double>(r.below(100)) / 100.0;
    const bool claim_ref = ref < 0.55;
    const bool line_ref = ref >= 0.55 && ref < 0.7;
    if (claim_ref) {
      c.auth_number = a.number;
      if (!planting() && r.chance(0.04)) c.auth_number += 'X';  // a mistyped number
    }
    // 2310B names the authorized therapist or physician, now and then another one; without an
    // authorized rendering NPI it is there half the time.
    c.rendering = {};
    if (!a.rendering_npi.empty()) {
      c.rendering =
          planting() || r.chance(0.95) ? std::string_view(a.rendering_npi) : any_rendering();
    } else if (r.chance(0.5)) {
      c.rendering = any_rendering();
    }
    // An HMO member's claims mostly carry the PCP referral.
    const referral& pcp = c.who->patients[c.patient_index].ref;
    c.referral_number = !pcp.number.empty() && (planting() || r.chance(0.85))
                            ? std::string_view(pcp.number)
                            : std::string_view();
    c.facility = r.chance(0.25)
                     ? std::string_view(people_->facilities[r.below(people_->facilities.size())])
                     : std::string_view();
    c.diagnosis_count = 1 + r.below(3);
    // The principal diagnosis is mostly the one the authorization was approved for.
    const std::size_t first_dx = planting() || r.chance(0.9) ? 0 : r.below(kind.diagnoses.size());
    for (std::size_t d = 0; d < c.diagnosis_count; ++d) {
      const std::string_view code = kind.diagnoses[(first_dx + d) % kind.diagnoses.size()];
      c.diagnoses[d].clear();
      for (char ch : code) {
        if (ch != '.') c.diagnoses[d] += ch;
      }
    }
    // Dates: mostly inside the window, sometimes before or after it.
    const std::int64_t last_start = planting() ? a.to - clean_days_before_end : a.to;
    std::int64_t start = a.from + r.between(0, last_start - a.from);
    if (!planting() && r.chance(0.06)) start = a.from - r.between(1, 20);
    if (!planting() && r.chance(0.06)) start = a.to + r.between(1, 20);
    c.from = start;
    c.to = start + (institutional() && r.chance(0.3) ? r.between(1, 4) : 0);

    // An outpatient hospital claim now and then bills observation hours: an observation stay.
    const bool observation = institutional() && c.place == "13" && !planting() && r.chance(0.2);
    const std::size_t count = 1 + r.below(institutional() ? 4 : 3) + (observation ? 1 : 0);
    c.lines.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      line_model& l = c.lines[i];
      l.number = static_cast<std::uint32_t>(i + 1);
      const planted problem = plant();
      const service& svc =
          observation && i + 1 == count         ? observation_hours
          : problem == planted::unapproved_code ? office[r.below(std::size(office))]
          : planting() || r.chance(0.9) ? kind.services[a.services[r.below(a.service_count)]]
          : r.chance(0.5)               ? kind.services[r.below(kind.services.size())]
                                        : office[r.below(std::size(office))];
      l.code = svc.code;
      l.revenue = svc.revenue;
      l.modifier_count = r.chance(0.5) ? 1 + r.below(2) : 0;
      for (std::size_t m = 0; m < l.modifier_count; ++m) {
        l.modifiers[m] =
            kind.modifiers[(m + r.below(kind.modifiers.size())) % kind.modifiers.size()];
      }
      const std::int64_t units =
          1 + static_cast<std::int64_t>(r.below(static_cast<std::uint64_t>(svc.max_units)));
      l.units = units * 1000 + (r.chance(0.05) ? 500 : 0);
      l.charge = svc.charge_per_unit * units + static_cast<std::int64_t>(r.below(100)) * 10;
      l.has_dates = !institutional() || r.chance(0.5);
      l.from = c.from + (institutional() ? 0 : static_cast<std::int64_t>(i) * r.between(0, 7));
      l.to = l.from + (r.chance(0.1) ? r.between(1, 4) : 0);
      if (institutional() && l.has_dates) l.to = l.from;
      if (problem == planted::after_window) l.from = l.to = a.to + r.between(1, 20);
      l.place = !institutional() && r.chance(0.4) ? (r.chance(0.8) ? c.place : r.pick(places))
                                                  : std::string_view();
      l.auth_number.clear();
      if (problem == planted::unknown_number) {
        l.auth_number = unknown_auth_number;
      } else if (line_ref || (claim_ref && r.chance(0.05))) {
        l.auth_number = !planting() && r.chance(0.03) ? unknown_auth_number : a.number;
      }
      l.rendering = !planting() && r.chance(0.04) ? any_rendering() : std::string_view();
      l.facility = !institutional() && r.chance(0.05)
                       ? std::string_view(people_->facilities[r.below(people_->facilities.size())])
                       : std::string_view();
      l.pointer_count =
          institutional() ? 0 : std::min<std::size_t>(c.diagnosis_count, 1 + r.below(2));
      for (std::size_t p = 0; p < l.pointer_count; ++p) l.pointers[p] = p + 1;
    }
  }

  /// The findings of the kinds the generator plants (enrollment, referrals, level of care,
  /// component) that authmatch must give the line, with the generator's rules and roster:
  /// "|"-joined in finding_kind order.
  void expect_new_kinds(const expected_line& e, const line_model& l,
                        std::optional<level_of_care> claim_level) {
    const claim_model& c = claim_;
    const patient& person = c.who->patients[c.patient_index];
    const authorization& a = person.auth;
    const auto expect = [&](finding_kind kind) {
      if (!expected_kinds_.empty()) expected_kinds_ += '|';
      expected_kinds_ += to_string(kind);
    };
    if (not_enrolled(*people_, e.payer_id, e.rendering_npi, e.service_date, e.service_date_end) ||
        not_enrolled(*people_, e.payer_id, e.billing_npi, e.service_date, e.service_date_end)) {
      expect(finding_kind::provider_not_enrolled);
    }
    if (e.payer_id == hmo_payer) {
      const referral& ref = person.ref;
      const bool covered = !ref.number.empty() && e.service_date >= ref.from &&
                           e.service_date_end <= ref.to &&
                           (ref.rendering_npi.empty() || ref.rendering_npi == e.rendering_npi ||
                            ref.rendering_npi == e.billing_npi);
      if (!covered) {
        expect(finding_kind::referral_missing);
      } else {
        if (ref.used_up()) expect(finding_kind::referral_exceeded);
        if (c.referral_number != ref.number) expect(finding_kind::referral_number_missing);
      }
    }
    // The authorization the line is compared with: its own number (or none), and a code it
    // approves.
    const specialty& kind = specialties[a.specialty];
    bool approves = false;
    for (std::size_t s = 0; s < a.service_count; ++s) {
      approves = approves || kind.services[a.services[s]].code == l.code;
    }
    if (!approves || !(e.auth_number.empty() || e.auth_number == a.number)) return;
    if (!a.level_of_care.empty()) {
      const auto approved = *parse_level_of_care(a.level_of_care);
      const bool from_place = !institutional();
      const auto billed = institutional() ? claim_level : level_of_care_at(e.place_of_service);
      const bool agrees = !billed || *billed == approved ||
                          (approved == level_of_care::observation && from_place &&
                           *billed == level_of_care::outpatient);
      if (!agrees) expect(finding_kind::level_of_care_mismatch);
    }
    if (a.professional_only) {
      const auto carried = std::span(l.modifiers).first(l.modifier_count);
      if (institutional() || std::find(carried.begin(), carried.end(), "26") == carried.end()) {
        expect(finding_kind::component_mismatch);
      }
    }
  }

  void write_provider(std::string_view entity, std::string_view name, std::string_view npi,
                      bool person) {
    seg_.begin("NM1").add(entity).add(person ? "1" : "2").add(name);
    seg_.add(person ? "CARE" : "").add("").add("").add("").add("XX").add(npi).end();
  }

  void write_date(std::string_view qualifier, std::int64_t from, std::int64_t to) {
    scratch_.clear();
    append_date(scratch_, from);
    if (to != from) {
      scratch_ += '-';
      append_date(scratch_, to);
    }
    seg_.begin("DTP").add(qualifier).add(to != from ? "RD8" : "D8").add(scratch_).end();
  }

  void write_claim() {
    const claim_model& c = claim_;
    const member& who = *c.who;
    if (c.billing != hl_billing_ || billing_hl_ == 0) {
      billing_hl_ = ++hl_;
      hl_billing_ = c.billing;
      seg_.begin("HL").add(std::to_string(billing_hl_)).add("").add("20").add("1").end();
      write_provider("85", "SYNTHETIC CARE GROUP", c.billing, false);
      seg_.begin("N3").add("100 MAIN ST").end();
      seg_.begin("N4").add("SPRINGFIELD").add("IL").add("627010001").end();
      seg_.begin("REF").add("EI").add("371234567").end();
    }
    const patient& subscriber = who.patients[0];
    const std::uint64_t subscriber_hl = ++hl_;
    const bool dependent = c.patient_index > 0;
    seg_.begin("HL").add(std::to_string(subscriber_hl)).add(std::to_string(billing_hl_));
    seg_.add("22").add(dependent ? "1" : "0").end();
    seg_.begin("SBR").add("P").add(dependent ? "" : "18").add("").add("").add("").add("").add("");
    seg_.add("").add("CI").end();
    seg_.begin("NM1").add("IL").add("1").add(subscriber.last).add(subscriber.first).add("").add("");
    seg_.add("").add("MI").add(who.id).end();
    seg_.begin("N3").add("1 ELM ST").end();
    seg_.begin("N4").add("SPRINGFIELD").add("IL").add("62702").end();
    scratch_.clear();
    append_date(scratch_, subscriber.dob);
    seg_.begin("DMG").add("D8").add(scratch_).add(std::string_view(&subscriber.sex, 1)).end();
    seg_.begin("NM1").add("PR").add("2").add("SYNTHETIC HEALTH PLAN").add("").add("").add("");
    seg_.add("").add("PI").add(who.payer).end();
    if (dependent) {
      const patient& person = who.patients[c.patient_index];
      seg_.begin("HL").add(std::to_string(++hl_)).add(std::to_string(subscriber_hl)).add("23");
      seg_.add("0").end();
      seg_.begin("PAT").add("19").end();
      seg_.begin("NM1").add("QC").add("1").add(person.last).add(person.first).end();
      seg_.begin("N3").add("1 ELM ST").end();
      seg_.begin("N4").add("SPRINGFIELD").add("IL").add("62702").end();
      scratch_.clear();
      append_date(scratch_, person.dob);
      seg_.begin("DMG").add("D8").add(scratch_).add(std::string_view(&person.sex, 1)).end();
    }

    std::int64_t total = 0;
    for (const line_model& l : c.lines) total += l.charge;
    scratch_.clear();
    append_amount(scratch_, total);
    seg_.begin("CLM").add(c.id).add(scratch_).add("").add("").add(c.place);
    seg_.sub(institutional() ? "A" : "B").sub(std::string_view(&c.frequency, 1));
    seg_.add(institutional() ? "" : "Y").add("A").add("Y").add("Y").end();
    if (institutional()) {
      write_date("434", c.from, c.to);
      seg_.begin("CL1").add("1").add("1").add("01").end();
    }
    if (!c.original_id.empty()) seg_.begin("REF").add("F8").add(c.original_id).end();
    if (!c.auth_number.empty()) seg_.begin("REF").add("G1").add(c.auth_number).end();
    if (!c.referral_number.empty()) seg_.begin("REF").add("9F").add(c.referral_number).end();
    seg_.begin("HI");
    for (std::size_t d = 0; d < c.diagnosis_count; ++d) {
      seg_.add(d == 0 ? "ABK" : "ABF").sub(c.diagnoses[d]);
    }
    seg_.end();
    if (institutional()) {
      write_provider("71", "ATTENDING", people_->rendering[0], true);
      if (!c.rendering.empty()) write_provider("82", "RENDERING", c.rendering, true);
      if (!c.facility.empty()) write_provider("77", "SERVICE SITE", c.facility, false);
    } else {
      if (!c.rendering.empty()) {
        write_provider("82", "RENDERING", c.rendering, true);
        seg_.begin("PRV").add("PE").add("PXC").add("225100000X").end();
      }
      if (!c.facility.empty()) {
        write_provider("77", "SERVICE SITE", c.facility, false);
        seg_.begin("N3").add("200 CLINIC WAY").end();
        seg_.begin("N4").add("SPRINGFIELD").add("IL").add("62703").end();
      }
    }
    for (const line_model& l : c.lines) write_line(l);
  }

  void write_line(const line_model& l) {
    seg_.begin("LX").add(std::to_string(l.number)).end();
    scratch_.clear();
    append_amount(scratch_, l.charge);
    std::string units;
    append_amount(units, l.units);
    if (institutional()) {
      seg_.begin("SV2").add(l.revenue).add("HC").sub(l.code);
      for (std::size_t m = 0; m < l.modifier_count; ++m) seg_.sub(l.modifiers[m]);
      seg_.add(scratch_).add("UN").add(units).end();
    } else {
      seg_.begin("SV1").add("HC").sub(l.code);
      for (std::size_t m = 0; m < l.modifier_count; ++m) seg_.sub(l.modifiers[m]);
      seg_.add(scratch_).add("UN").add(units).add(l.place).add("");
      seg_.add(l.pointer_count > 0 ? "1" : "");
      for (std::size_t p = 1; p < l.pointer_count; ++p) seg_.sub(std::to_string(l.pointers[p]));
      seg_.end();
    }
    if (l.has_dates) write_date("472", l.from, l.to);
    if (!l.auth_number.empty()) seg_.begin("REF").add("G1").add(l.auth_number).end();
    if (!l.rendering.empty()) write_provider("82", "LINE RENDERING", l.rendering, true);
    if (!l.facility.empty()) write_provider("77", "LINE SITE", l.facility, false);
  }

  void report_claim() {
    const claim_model& c = claim_;
    totals_.lines += c.lines.size();
    if (!on_line_) return;
    const member& who = *c.who;
    const std::string_view claim_place =
        institutional() ? x12::place_of_service_for_facility_type(c.place) : c.place;
    std::optional<level_of_care> claim_level;
    if (institutional()) {
      const bool observation = std::any_of(c.lines.begin(), c.lines.end(), [](const line_model& l) {
        return x12::bills_observation(l.revenue, l.code);
      });
      claim_level = x12::level_of_care_for_bill(c.place, observation);
    }
    const std::string_view level = claim_level ? to_string(*claim_level) : std::string_view();
    for (const line_model& l : c.lines) {
      expected_line e;
      e.claim_id = c.id;
      e.line = l.number;
      e.member_id = who.id;
      e.payer_id = who.payer;
      e.patient_dob = who.patients[c.patient_index].dob;
      e.auth_number = l.auth_number.empty() ? std::string_view(c.auth_number) : l.auth_number;
      e.code = l.code;
      e.modifiers = {l.modifiers.data(), l.modifier_count};
      e.units = l.units;
      e.service_date = l.has_dates ? l.from : c.from;
      e.service_date_end = l.has_dates ? l.to : c.to;
      e.rendering_npi = !l.rendering.empty()   ? l.rendering
                        : !c.rendering.empty() ? c.rendering
                                               : c.billing;
      e.billing_npi = c.billing;
      e.facility_npi = !l.facility.empty() ? l.facility : c.facility;
      e.place_of_service = !l.place.empty() ? l.place : claim_place;
      diagnosis_views_.clear();
      if (l.pointer_count > 0) {
        for (std::size_t p = 0; p < l.pointer_count; ++p) {
          diagnosis_views_.push_back(c.diagnoses[l.pointers[p] - 1]);
        }
      } else {
        for (std::size_t d = 0; d < c.diagnosis_count; ++d)
          diagnosis_views_.push_back(c.diagnoses[d]);
      }
      e.diagnosis_codes = diagnosis_views_;
      e.charge = l.charge;
      e.frequency = c.frequency;
      e.original_claim_id = c.original_id;
      e.referral_number = c.referral_number;
      e.level_of_care = level;
      e.claim_type =
          to_string(institutional() ? claim_type::institutional : claim_type::professional);
      expected_kinds_.clear();
      if (c.frequency != '8') expect_new_kinds(e, l, claim_level);
      e.expected_kinds = expected_kinds_;
      on_line_(e);
    }
  }

  const options& opts_;
  output* out_;
  segment_writer seg_;
  const population* people_;
  rng* random_;
  const std::function<void(const expected_line&)>& on_line_;
  totals totals_;
  claim_model claim_;
  std::uint64_t transactions_ = 0, in_transaction_ = 0, hl_ = 0, billing_hl_ = 0;
  std::string control_;
  std::string_view current_billing_, hl_billing_;
  std::string scratch_;
  std::vector<std::string_view> diagnosis_views_;
  std::string expected_kinds_;
};

}  // namespace

totals generate(const options& opts, output& x12, output* auths,
                const std::function<void(const expected_line&)>& on_line, output* enrollment,
                output* rules) {
  rng random(opts.seed);
  // Size the population for the claims to come (about 700 bytes a claim when sized by bytes).
  const std::uint64_t expected = opts.target_bytes > 0 ? opts.target_bytes / 700 : opts.claims;
  const population people =
      make_population(random, expected, opts.members, opts.problem_share.has_value());
  totals out;
  if (auths != nullptr) {
    rng auth_random(opts.seed ^ 0x5eed5eedULL);
    write_authorizations(*auths, people, auth_random, out.authorizations);
  }
  if (enrollment != nullptr) write_enrollment(*enrollment, people);
  if (rules != nullptr) write_rules(*rules);
  writer w(opts, x12, people, random, on_line);
  const totals written = w.run();
  out.claims = written.claims;
  out.lines = written.lines;
  out.x12_bytes = written.x12_bytes;
  return out;
}

std::string_view claim_lines_header() {
  static const std::string header = authmatch::detail::join(claim_fields, ",") + "\n";
  return header;
}

void append_claim_line_row(std::string& out, const expected_line& line) {
  const auto to = std::back_inserter(out);
  fmt::format_to(to, "{},{},{},{},{},{},{},{},", line.claim_id, line.line, line.member_id,
                 line.payer_id, date_text(line.patient_dob, true), line.auth_number, line.code,
                 fmt::join(line.modifiers, "|"));
  append_amount(out, line.units);
  fmt::format_to(to, ",{},{},{},{},{},{},{},", date_text(line.service_date, true),
                 date_text(line.service_date_end, true), line.rendering_npi, line.billing_npi,
                 line.facility_npi, line.place_of_service, fmt::join(line.diagnosis_codes, "|"));
  append_amount(out, line.charge);
  fmt::format_to(to, ",{},{},{},{},{}\n", line.frequency, line.original_claim_id,
                 line.referral_number, line.level_of_care, line.claim_type);
}

}  // namespace authmatch::synth
