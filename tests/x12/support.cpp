#include "x12/recorder.hpp"
#include "x12/x12_text.hpp"

#include <fmt/format.h>

#include <sstream>

namespace authmatch::test {

read_result read_text(std::string_view text, std::size_t chunk_size, x12::read_options options) {
  read_result out;
  if (chunk_size == 0) {
    out.stats = x12::read_837_buffer(text, "test.x12", out.sink, options);
  } else {
    std::istringstream in{std::string(text)};
    options.chunk_size = chunk_size;
    out.stats = x12::read_837(in, "test.x12", out.sink, options);
  }
  return out;
}

remit_result read_remit(std::string_view text, std::size_t chunk_size) {
  remit_result out;
  if (chunk_size == 0) {
    out.stats = x12::read_835_buffer(text, "remit.835", out.sink);
  } else {
    std::istringstream in{std::string(text)};
    x12::read_options options;
    options.chunk_size = chunk_size;
    out.stats = x12::read_835(in, "remit.835", out.sink, options);
  }
  return out;
}

std::string isa(std::string_view control) {
  return fmt::format("ISA*00*{:10}*00*{:10}*ZZ*{:15}*ZZ*{:15}*260901*1200*^*00501*{}*0*T*:", "", "",
                     "SUBMITTER", "RECEIVER", control);
}

segments interchange(const std::vector<segments>& transactions, std::string_view version,
                     std::string_view control, std::string_view transaction) {
  segments out{isa(control), fmt::format("GS*HC*SUBMITTER*RECEIVER*20260901*1200*1*X*{}", version)};
  int number = 0;
  for (const segments& body : transactions) {
    const std::string st02 = fmt::format("{:04}", ++number);
    out.push_back(fmt::format("ST*{}*{}*{}", transaction, st02, version));
    out.insert(out.end(), body.begin(), body.end());
    out.push_back(fmt::format("SE*{}*{}", body.size() + 2, st02));
  }
  out.push_back(fmt::format("GE*{}*1", transactions.size()));
  out.push_back(fmt::format("IEA*1*{}", control));
  return out;
}

std::string render(const segments& all, const x12_style& style) {
  std::string out;
  for (const std::string& seg : all) {
    for (char c : seg) {
      switch (c) {
        case '*': out += style.element; break;
        case ':': out += style.component; break;
        case '^': out += style.repetition; break;
        default: out += c;
      }
    }
    out += style.segment;
    out += style.after_segment;
  }
  return out;
}

segments remittance_body(std::string_view payer_id, const std::vector<segments>& claims) {
  segments out{"BPR*I*0*C*NON************20261101",
               "TRN*1*EFT0001*1234567893",
               "DTM*405*20261101",
               payer_id.empty() ? std::string("N1*PR*TEST PAYER")
                                : fmt::format("N1*PR*TEST PAYER*XV*{}", payer_id),
               "N1*PE*REHAB SPECIALTY GROUP*XX*1234567893",
               "LX*1"};
  for (const segments& claim : claims) out.insert(out.end(), claim.begin(), claim.end());
  return out;
}

std::string remittance_file(std::string_view payer_id, const std::vector<segments>& claims,
                            const x12_style& style) {
  return render(
      interchange({remittance_body(payer_id, claims)}, "005010X221A1", "000000001", "835"), style);
}

segments professional_body(const std::vector<segments>& claims) {
  segments out{
      "BHT*0019*00*B1*20260901*1200*CH",
      "NM1*41*2*REHAB CLINIC*****46*S1",
      "NM1*40*2*PAYER ONE*****46*R1",
      "HL*1**20*1",
      "NM1*85*2*REHAB CLINIC*****XX*1234567893",
      "HL*2*1*22*0",
      "SBR*P*18*******CI",
      "NM1*IL*1*DOE*JANE****MI*W100200300",
      "DMG*D8*19680412*F",
      "NM1*PR*2*PAYER ONE*****PI*61101",
  };
  for (const segments& claim : claims) out.insert(out.end(), claim.begin(), claim.end());
  return out;
}

segments simple_claim(std::string_view id) {
  return {
      fmt::format("CLM*{}*110***11:B:1*Y*A*Y*Y", id),
      "REF*G1*PT1",
      "HI*ABK:M5450*ABF:M5136",
      "LX*1",
      "SV1*HC:97110:GP*110*UN*2*11**1:2",
      "DTP*472*D8*20260908",
  };
}

std::string professional_file(const std::vector<segments>& claims, const x12_style& style) {
  return render(interchange({professional_body(claims)}), style);
}

segments join(std::initializer_list<segments> parts) {
  segments out;
  for (const segments& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace authmatch::test
