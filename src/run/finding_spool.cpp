#include "run/finding_spool.hpp"

#include "run/byte_codec.hpp"

#include <authmatch/finding_fields.hpp>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace authmatch {
inline namespace v0 {
namespace detail {

// A record: its size (u32), its sequence (u64) and kind (u8), then the payload: an encoded
// finding (byte_codec.hpp); or, the kind's top bit set, what a finding changed from the
// findings written with write() before it (finding_delta.hpp). The file lives only as long
// as the run that wrote it.

namespace {

constexpr std::string_view file_name = "the temporary file of findings";
constexpr std::uint8_t delta_bit = 0x80;
static_assert(finding_kind_count <= delta_bit);

}  // namespace

void finding_spool::flush() {
  assert(pending_read_ == 0 && !reading_);  // not while reading back
  if (pending_.empty()) return;
  if (!file_) file_.emplace(std::string(file_name));
  file_->write_all(pending_);
  file_size_ += pending_.size();
  pending_.clear();
}

void finding_spool::append(std::uint64_t sequence, finding_kind kind, std::string_view payload,
                           bool delta) {
  assert(!reading_ && pending_read_ == 0);
  constexpr std::size_t header_size = sizeof(std::uint32_t) + sizeof(std::uint64_t) + 1;
  const auto size =
      static_cast<std::uint32_t>(header_size - sizeof(std::uint32_t) + payload.size());
  const auto kind_byte = static_cast<std::uint8_t>(static_cast<std::uint8_t>(kind) |
                                                   (delta ? delta_bit : std::uint8_t{0}));
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
  payload_.clear();
  delta_out_.put(found, payload_);
  append(sequence, found.kind, payload_, true);
}

void finding_spool::start_over() {
  if (file_) {
    [[maybe_unused]] const int truncated = ::ftruncate(file_->fd(), 0);
    ::lseek(file_->fd(), 0, SEEK_SET);
  }
  file_size_ = 0;
  reading_ = false;
  read_buffer_.clear();
  read_at_ = 0;
  file_read_ = 0;
  pending_.clear();
  pending_read_ = 0;
  written_ = read_ = 0;
  delta_out_.restart();
  delta_in_.restart();
}

bool finding_spool::read(record& next) {
  if (size() == 0) {
    if (reading_ || pending_read_ != 0) start_over();
    return false;
  }
  if (!file_) {
    // Never flushed: the records are all still in memory, read back from there.
    std::uint32_t size = 0;
    std::memcpy(&size, pending_.data() + pending_read_, sizeof size);
    const std::string_view whole(pending_.data() + pending_read_ + sizeof size, size);
    pending_read_ += sizeof size + size;
    take(whole, next);
    return true;
  }
  if (!reading_) {
    flush();
    reading_ = true;
  }
  std::uint32_t size = 0;
  std::memcpy(&size, buffered(sizeof size), sizeof size);
  read_at_ += sizeof size;
  const std::string_view whole(buffered(size), size);
  read_at_ += size;
  take(whole, next);
  return true;
}

const char* finding_spool::buffered(std::size_t bytes) {
  if (read_buffer_.size() - read_at_ < bytes) {
    // What is left of the chunk moves to the front, and the file's next bytes follow it: a
    // chunk at a time, or the whole record when it is longer.
    read_buffer_.erase(0, read_at_);
    read_at_ = 0;
    const std::size_t kept = read_buffer_.size();
    const std::uint64_t left = file_size_ - file_read_;
    const auto more = static_cast<std::size_t>(
        std::min<std::uint64_t>(std::max(buffer_size, bytes - kept), left));
    if (kept + more < bytes) fail("cannot read back", EIO);  // the file ends inside a record
    read_buffer_.resize(kept + more);
    file_->read_exactly(read_buffer_.data() + kept, more, file_read_);
    file_read_ += more;
  }
  return read_buffer_.data() + read_at_;
}

void finding_spool::take(std::string_view whole, record& next) {
  byte_reader in(whole, file_name);
  next.sequence = in.get<std::uint64_t>();
  const auto kind_byte = in.get<std::uint8_t>();
  next.kind = static_cast<finding_kind>(kind_byte & ~delta_bit);
  next.payload = whole.substr(sizeof(std::uint64_t) + 1);
  // Every such record is read in turn, whoever reads it: each is read against the one before.
  next.written =
      (kind_byte & delta_bit) != 0 ? &delta_in_.get(next.payload, next.kind, file_name) : nullptr;
  ++read_;
}

finding& finding_spool::decoded(const record& spooled, finding& scratch) {
  if (spooled.written) return *spooled.written;
  byte_reader(spooled.payload, file_name).get_finding(scratch);
  return scratch;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
