#include "finding_spool.hpp"

#include <cassert>
#include <cstring>
#include <stdexcept>
#include <unistd.h>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

// A record: its size (u32), its sequence (u64) and kind (u8), then the payload. An encoded
// finding has its other fields in declaration order. Integers are native-endian: the file lives
// only as long as the run that wrote it.

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

void encode(std::string& out, const finding& f) {
  out.clear();
  put(out, f.line);
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
}

void decode(std::string_view payload, finding_kind kind, finding& f) {
  record_reader in(payload);
  f.line = in.get<std::uint32_t>();
  f.kind = kind;
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

bool finding_spool::open_file() {
  if (!tried_file_) {
    tried_file_ = true;
    file_.reset(std::tmpfile());
    if (file_) {
      buffer_ = std::make_unique<char[]>(buffer_size);
      std::setvbuf(file_.get(), buffer_.get(), _IOFBF, buffer_size);
    }
  }
  return file_ != nullptr;
}

void finding_spool::append(std::uint64_t sequence, finding_kind kind, std::string_view payload) {
  assert(!reading_);
  constexpr std::size_t header_size = sizeof(std::uint32_t) + sizeof(std::uint64_t) + 1;
  const auto size = static_cast<std::uint32_t>(header_size - sizeof(std::uint32_t) + payload.size());
  const auto kind_byte = static_cast<std::uint8_t>(kind);
  char header[header_size];
  std::memcpy(header, &size, sizeof size);
  std::memcpy(header + sizeof size, &sequence, sizeof sequence);
  std::memcpy(header + sizeof size + sizeof sequence, &kind_byte, 1);
  // Once one record is in memory, the rest follow it there, keeping them in order.
  if (in_file_ == written_ && open_file()) {
    if (std::fwrite(header, 1, header_size, file_.get()) == header_size &&
        std::fwrite(payload.data(), 1, payload.size(), file_.get()) == payload.size()) {
      file_bytes_ += header_size + payload.size();
      ++in_file_;
      ++written_;
      return;
    }
    // No space left: drop the partial record; this one and the rest stay in memory.
    std::clearerr(file_.get());
    std::fseek(file_.get(), static_cast<long>(file_bytes_), SEEK_SET);
  }
  memory_.append(header, header_size);
  memory_.append(payload);
  ++written_;
}

void finding_spool::write(std::uint64_t sequence, const finding& found) {
  encode(payload_, found);
  append(sequence, found.kind, payload_);
}

void finding_spool::write_text(std::uint64_t sequence, finding_kind kind, std::string_view text) {
  append(sequence, kind, text);
}

void finding_spool::start_over() {
  if (file_) {
    std::rewind(file_.get());
    [[maybe_unused]] const int truncated = ::ftruncate(fileno(file_.get()), 0);
  }
  memory_.clear();
  memory_read_ = 0;
  written_ = read_ = in_file_ = 0;
  file_bytes_ = 0;
  reading_ = false;
}

bool finding_spool::read(record& next) {
  if (size() == 0) {
    if (reading_) start_over();
    return false;
  }
  if (!reading_) {
    reading_ = true;
    if (file_) {
      std::fflush(file_.get());
      std::rewind(file_.get());
    }
  }
  std::string_view whole;
  if (read_ < in_file_) {
    std::uint32_t size = 0;
    if (std::fread(&size, sizeof size, 1, file_.get()) != 1) {
      throw std::runtime_error("authmatch: the temporary file of findings could not be read back");
    }
    record_.resize(size);
    if (std::fread(record_.data(), 1, size, file_.get()) != size) {
      throw std::runtime_error("authmatch: the temporary file of findings could not be read back");
    }
    whole = record_;
  } else {
    std::uint32_t size = 0;
    std::memcpy(&size, memory_.data() + memory_read_, sizeof size);
    whole = std::string_view(memory_).substr(memory_read_ + sizeof size, size);
    memory_read_ += sizeof size + size;
  }
  record_reader in(whole);
  next.sequence = in.get<std::uint64_t>();
  next.kind = static_cast<finding_kind>(in.get<std::uint8_t>());
  next.payload = whole.substr(sizeof(std::uint64_t) + 1);
  ++read_;
  return true;
}

void finding_spool::decode(const record& spooled, finding& found) {
  detail::decode(spooled.payload, spooled.kind, found);
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
