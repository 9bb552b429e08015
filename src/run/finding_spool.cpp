#include "run/finding_spool.hpp"

#include <authmatch/error.hpp>

#include <fmt/format.h>

#include <cassert>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <utility>

#include <fcntl.h>
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

finding_spool::~finding_spool() {
  reader_.reset();
  if (fd_ >= 0) ::close(fd_);
}

void finding_spool::fail(std::string_view what, int error) const {
  throw authmatch::error(fmt::format("{} the temporary file of findings in {}: {}{}", what, folder_,
                                     std::strerror(error),
                                     error == ENOSPC || error == EFBIG || error == EDQUOT
                                         ? " (set TMPDIR to a folder with more room)"
                                         : ""));
}

void finding_spool::open_file() {
  const char* tmpdir = std::getenv("TMPDIR");
  folder_ = tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp";
  // An unnamed file where the system has them; else a named one, unlinked at once.
  fd_ = ::open(folder_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    std::string name = folder_ + "/authmatch-findings-XXXXXX";
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ >= 0) ::unlink(name.c_str());
  }
  if (fd_ < 0) fail("cannot make", errno);
}

void finding_spool::flush() {
  if (pending_.empty()) return;
  if (fd_ < 0) open_file();
  std::string_view rest = pending_;
  while (!rest.empty()) {
    const ssize_t done = ::write(fd_, rest.data(), rest.size());
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) fail("cannot write", done < 0 ? errno : ENOSPC);
    rest.remove_prefix(static_cast<std::size_t>(done));
  }
  pending_.clear();
}

void finding_spool::append(std::uint64_t sequence, finding_kind kind, std::string_view payload) {
  assert(!reader_);
  constexpr std::size_t header_size = sizeof(std::uint32_t) + sizeof(std::uint64_t) + 1;
  const auto size = static_cast<std::uint32_t>(header_size - sizeof(std::uint32_t) + payload.size());
  const auto kind_byte = static_cast<std::uint8_t>(kind);
  char header[header_size];
  std::memcpy(header, &size, sizeof size);
  std::memcpy(header + sizeof size, &sequence, sizeof sequence);
  std::memcpy(header + sizeof size + sizeof sequence, &kind_byte, 1);
  pending_.append(header, header_size);
  pending_.append(payload);
  ++written_;
  if (pending_.size() >= buffer_size) flush();
}

void finding_spool::write(std::uint64_t sequence, const finding& found) {
  encode(payload_, found);
  append(sequence, found.kind, payload_);
}

void finding_spool::write_text(std::uint64_t sequence, finding_kind kind, std::string_view text) {
  append(sequence, kind, text);
}

void finding_spool::start_over() {
  reader_.reset();
  if (fd_ >= 0) {
    [[maybe_unused]] const int truncated = ::ftruncate(fd_, 0);
    ::lseek(fd_, 0, SEEK_SET);
  }
  written_ = read_ = 0;
}

bool finding_spool::read(record& next) {
  if (size() == 0) {
    if (reader_) start_over();
    return false;
  }
  if (!reader_) {
    flush();
    const int copy = ::dup(fd_);
    if (copy < 0 || ::lseek(copy, 0, SEEK_SET) != 0) fail("cannot read back", errno);
    reader_.reset(::fdopen(copy, "rb"));
    if (!reader_) {
      const int error = errno;
      ::close(copy);
      fail("cannot read back", error);
    }
    read_buffer_ = std::make_unique<char[]>(buffer_size);
    std::setvbuf(reader_.get(), read_buffer_.get(), _IOFBF, buffer_size);
  }
  std::uint32_t size = 0;
  if (std::fread(&size, sizeof size, 1, reader_.get()) != 1) fail("cannot read back", errno ? errno : EIO);
  record_.resize(size);
  if (std::fread(record_.data(), 1, size, reader_.get()) != size) {
    fail("cannot read back", errno ? errno : EIO);
  }
  const std::string_view whole = record_;
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
