#include "finding_spool.hpp"

#include <cassert>
#include <cstring>
#include <stdexcept>
#include <unistd.h>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

// A record: its size (u32), then the fields in declaration order. Integers are native-endian:
// the file lives only as long as the run that wrote it.

constexpr std::uint8_t has_auth_number = 1, has_service_date = 2, has_units = 4, has_charge = 8;

template <typename T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

void put_text(std::string& out, std::string_view text) {
  put(out, static_cast<std::uint32_t>(text.size()));
  out.append(text);
}

/// Reads the fields back from a whole record; the record was written by this process.
class record_reader {
 public:
  explicit record_reader(std::string_view record) noexcept : rest_(record) {}

  template <typename T>
  T get() noexcept {
    T value;
    std::memcpy(&value, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return value;
  }
  std::string text() {
    const auto size = get<std::uint32_t>();
    std::string value(rest_.substr(0, size));
    rest_.remove_prefix(size);
    return value;
  }

 private:
  std::string_view rest_;
};

void encode(std::string& out, std::uint64_t sequence, const finding& f) {
  out.assign(sizeof(std::uint32_t), '\0');  // the size, filled in below
  put(out, sequence);
  put(out, f.line);
  put(out, static_cast<std::uint8_t>(f.kind));
  put(out, static_cast<std::uint8_t>(f.level));
  const auto present =
      static_cast<std::uint8_t>((f.auth_number ? has_auth_number : 0) |
                                (f.service_date ? has_service_date : 0) |
                                (f.units ? has_units : 0) | (f.charge ? has_charge : 0));
  put(out, present);
  for (const std::string_view text : {std::string_view(f.claim_id), std::string_view(f.group),
                                      std::string_view(f.carc)}) {
    put_text(out, text);
  }
  put(out, static_cast<std::uint32_t>(f.rarc.size()));
  for (const auto& code : f.rarc) put_text(out, code);
  if (f.auth_number) put_text(out, *f.auth_number);
  for (const std::string_view text :
       {std::string_view(f.member_id), std::string_view(f.payer_id), std::string_view(f.code),
        std::string_view(f.expected), std::string_view(f.actual), std::string_view(f.message)}) {
    put_text(out, text);
  }
  if (f.service_date) {
    const auto ymd = f.service_date->year_month_day();
    put(out, static_cast<std::uint16_t>(ymd.year));
    put(out, static_cast<std::uint8_t>(ymd.month));
    put(out, static_cast<std::uint8_t>(ymd.day));
  }
  if (f.units) put(out, f.units->thousandths());
  if (f.charge) put(out, f.charge->thousandths());
  const auto size = static_cast<std::uint32_t>(out.size() - sizeof(std::uint32_t));
  std::memcpy(out.data(), &size, sizeof size);
}

void decode(std::string_view record, std::uint64_t& sequence, finding& f) {
  record_reader in(record);
  sequence = in.get<std::uint64_t>();
  f.line = in.get<std::uint32_t>();
  f.kind = static_cast<finding_kind>(in.get<std::uint8_t>());
  f.level = static_cast<severity>(in.get<std::uint8_t>());
  const auto present = in.get<std::uint8_t>();
  f.claim_id = in.text();
  f.group = in.text();
  f.carc = in.text();
  f.rarc.resize(in.get<std::uint32_t>());
  for (auto& code : f.rarc) code = in.text();
  f.auth_number.reset();
  if ((present & has_auth_number) != 0) f.auth_number = in.text();
  f.member_id = in.text();
  f.payer_id = in.text();
  f.code = in.text();
  f.expected = in.text();
  f.actual = in.text();
  f.message = in.text();
  f.service_date.reset();
  if ((present & has_service_date) != 0) {
    const auto year = in.get<std::uint16_t>();
    const auto month = in.get<std::uint8_t>();
    const auto day = in.get<std::uint8_t>();
    f.service_date = date(year, month, day);
  }
  f.units.reset();
  if ((present & has_units) != 0) f.units = decimal::from_thousandths(in.get<std::int64_t>());
  f.charge.reset();
  if ((present & has_charge) != 0) f.charge = decimal::from_thousandths(in.get<std::int64_t>());
}

}  // namespace

bool finding_spool::usable() {
  if (!tried_) {
    tried_ = true;
    file_.reset(std::tmpfile());
    if (file_) {
      buffer_ = std::make_unique<char[]>(buffer_size);
      std::setvbuf(file_.get(), buffer_.get(), _IOFBF, buffer_size);
    }
  }
  return file_ != nullptr && !failed_;
}

bool finding_spool::write(std::uint64_t sequence, const finding& found) {
  assert(!reading_);
  if (!usable()) return false;
  encode(record_, sequence, found);
  if (std::fwrite(record_.data(), 1, record_.size(), file_.get()) != record_.size()) {
    failed_ = true;  // a partial record ends the file: what was written before it stays readable
    return false;
  }
  ++written_;
  return true;
}

void finding_spool::start_reading() {
  reading_ = true;
  std::fflush(file_.get());
  std::rewind(file_.get());
}

bool finding_spool::read(std::uint64_t& sequence, finding& found) {
  if (size() == 0) {
    if (reading_) {  // everything was read back: start over empty
      std::rewind(file_.get());
      [[maybe_unused]] const int truncated = ::ftruncate(fileno(file_.get()), 0);
      written_ = read_ = 0;
      reading_ = false;
    }
    return false;
  }
  if (!reading_) start_reading();
  std::uint32_t size = 0;
  if (std::fread(&size, sizeof size, 1, file_.get()) != 1) {
    throw std::runtime_error("authmatch: the temporary file of findings could not be read back");
  }
  record_.resize(size);
  if (std::fread(record_.data(), 1, size, file_.get()) != size) {
    throw std::runtime_error("authmatch: the temporary file of findings could not be read back");
  }
  decode(record_, sequence, found);
  ++read_;
  return true;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
