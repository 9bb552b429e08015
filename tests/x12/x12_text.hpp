#ifndef AUTHMATCH_TESTS_X12_X12_TEXT_HPP
#define AUTHMATCH_TESTS_X12_X12_TEXT_HPP

// Small 837 documents for the reader's tests. Segments are written with the usual delimiters
// ('*' element, ':' component, '^' repetition, '~' terminator, no terminator in the strings) and
// rendered with whichever delimiters and line breaks a test needs.

#include <string>
#include <string_view>
#include <vector>

namespace authmatch::test {

using segments = std::vector<std::string>;

struct x12_style {
  char element = '*';
  char component = ':';
  char repetition = '^';
  char segment = '~';
  std::string_view after_segment = "\n";  ///< "", "\n" or "\r\n"
};

/// A fixed-width (106 characters) ISA with control number `control` (9 digits).
std::string isa(std::string_view control = "000000001");

/// The envelope around transactions: ISA, GS, each ST..SE (SE01 counted, ST02 0001, 0002 ...),
/// GE, IEA. `version` goes into GS08 and ST03, `transaction` into ST01.
segments interchange(const std::vector<segments>& transactions,
                     std::string_view version = "005010X222A1",
                     std::string_view control = "000000001", std::string_view transaction = "837");

/// Joins segments with `style`, translating the usual delimiters into its own.
std::string render(const segments& all, const x12_style& style = {});

/// An 837P transaction body (BHT to the last line, without ST/SE): billing provider 1234567893,
/// subscriber W100200300 (born 1968-04-12) of payer 61101, and `claims` (each a CLM and what
/// follows it).
segments professional_body(const std::vector<segments>& claims);

/// A claim C<id> with REF*G1 PT1, two diagnoses and one 97110 line of 2 units on 2026-09-08.
segments simple_claim(std::string_view id = "C1");

/// render(interchange({professional_body(claims)})): a whole 837P file.
std::string professional_file(const std::vector<segments>& claims, const x12_style& style = {});

/// An 835 transaction body (BPR to the last claim, without ST/SE): payer `payer_id` (N1*PR
/// N104; none when empty), payee, one LX, then `claims` (each a CLP and what follows it).
segments remittance_body(std::string_view payer_id, const std::vector<segments>& claims);

/// render(interchange({remittance_body(payer_id, claims)}, "005010X221A1", ..., "835")).
std::string remittance_file(std::string_view payer_id, const std::vector<segments>& claims,
                            const x12_style& style = {});

/// Concatenates segment lists.
segments join(std::initializer_list<segments> parts);

}  // namespace authmatch::test

#endif
