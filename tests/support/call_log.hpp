#ifndef AUTHMATCH_TESTS_SUPPORT_CALL_LOG_HPP
#define AUTHMATCH_TESTS_SUPPORT_CALL_LOG_HPP

// A claim_sink that writes down every call a reader makes, in order, as text that two readings
// can be compared by: each claim's lines with every field, each rejection and each diagnostic
// with everything it says. Public API only, so that fuzz targets can use it too.

#include <authmatch/claim_record.hpp>
#include <authmatch/claim_sink.hpp>
#include <authmatch/output.hpp>

#include <optional>
#include <sstream>
#include <string>

namespace authmatch::test {

class call_log final : public claim_sink {
 public:
  std::string text;

  void on_claim(std::span<const claim_line> lines) override {
    text += "claim\n";
    for (const auto& line : lines) {
      const claim_record owned(line);
      std::ostringstream out;
      for_each_claim_field<claim_record>([&](const claim_field& field, auto member) {
        out << field.name << '=';
        write(out, owned.*member);
        out << ';';
      });
      out << "from_claim=" << owned.auth_number_from_claim << ";source=" << owned.source_input
          << ':' << owned.source_position << '\n';
      text += out.str();
    }
  }
  void on_rejected(finding unreadable) override {
    text += "rejected " + to_json(unreadable, source_field::written);
  }
  void on_diagnostic(const x12::diagnostic& found) override {
    text += "diagnostic " + std::to_string(static_cast<int>(found.kind)) + ' ' + found.segment_id +
            ' ' + found.claim_id + ' ' + x12::to_string(found) + '\n';
  }

 private:
  static void write(std::ostream& out, const std::string& value) { out << value; }
  static void write(std::ostream& out, std::uint32_t value) { out << value; }
  static void write(std::ostream& out, const date& value) { out << to_iso(value); }
  static void write(std::ostream& out, const std::optional<date>& value) {
    if (value) out << to_iso(*value);
  }
  static void write(std::ostream& out, const decimal& value) { out << value.to_string(); }
  static void write(std::ostream& out, const text_list& value) {
    for (const auto& item : value) out << item << '|';
  }
  template <typename Enum>
  static void write(std::ostream& out, const Enum& value) {
    out << static_cast<int>(value);
  }
  template <typename Enum>
  static void write(std::ostream& out, const std::optional<Enum>& value) {
    if (value) out << static_cast<int>(*value);
  }
};

}  // namespace authmatch::test

#endif
