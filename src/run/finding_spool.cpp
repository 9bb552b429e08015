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
// findings written with write() before it (finding_delta.hpp), since the start of its stretch.
// The kind's next bit is set on the first record of a stretch. The file lives only as long as the
// run that wrote it.

namespace {

constexpr std::string_view file_name = "the temporary file of findings";
constexpr std::uint8_t delta_bit = 0x80;
constexpr std::uint8_t stretch_bit = 0x40;
static_assert(finding_kind_count <= stretch_bit);

}  // namespace

void finding_spool::end_writing() {
  if (file_) flush();
}

void finding_spool::flush() {
  assert(!reading_);  // not while reading back
  if (pending_.empty()) return;
  if (!file_) file_.emplace(std::string(file_name));
  file_->write_all(pending_);
  file_size_ += pending_.size();
  pending_.clear();
}

void finding_spool::append(std::uint64_t sequence, finding_kind kind, std::string_view payload,
                           bool delta) {
  assert(!reading_);
  const bool starts_stretch = next_starts_stretch();
  constexpr std::size_t header_size = sizeof(std::uint32_t) + sizeof(std::uint64_t) + 1;
  const auto size =
      static_cast<std::uint32_t>(header_size - sizeof(std::uint32_t) + payload.size());
  const auto kind_byte = static_cast<std::uint8_t>(
      static_cast<std::uint8_t>(kind) | (delta ? delta_bit : std::uint8_t{0}) |
      (starts_stretch ? stretch_bit : std::uint8_t{0}));
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
  if (next_starts_stretch()) delta_out_.restart();
  payload_.clear();
  delta_out_.put(found, payload_);
  append(sequence, found.kind, payload_, true);
}

void finding_spool::clear() {
  if (file_) {
    [[maybe_unused]] const int truncated = ::ftruncate(file_->fd(), 0);
    ::lseek(file_->fd(), 0, SEEK_SET);
  }
  file_size_ = 0;
  reading_.reset();
  pending_.clear();
  written_ = read_ = 0;
  delta_out_.restart();
}

bool finding_spool::read(record& next) {
  if (!reading_) {
    end_writing();
    reading_.emplace(*this);
  }
  if (!reading_->next(next)) {
    clear();
    return false;
  }
  if (next.delta) reading_->decode(next);
  ++read_;
  return true;
}

finding_spool::cursor::cursor(const finding_spool& spool) : spool_(&spool), left_(spool.written_) {
  assert(!spool.file_ || spool.pending_.empty());  // flushed
}

bool finding_spool::cursor::next(record& next) {
  if (left_ == 0) return false;
  --left_;
  std::string_view whole;
  if (!spool_->file_) {
    // Never flushed: the records are all still in memory, read back from there.
    const auto& pending = spool_->pending_;
    std::uint32_t size = 0;
    std::memcpy(&size, pending.data() + pending_at_, sizeof size);
    whole = std::string_view(pending.data() + pending_at_ + sizeof size, size);
    pending_at_ += sizeof size + size;
  } else {
    std::uint32_t size = 0;
    std::memcpy(&size, buffered(sizeof size), sizeof size);
    at_ += sizeof size;
    whole = std::string_view(buffered(size), size);
    at_ += size;
  }
  byte_reader in(whole, file_name);
  next.sequence = in.get<std::uint64_t>();
  const auto kind_byte = in.get<std::uint8_t>();
  next.kind = static_cast<finding_kind>(kind_byte & ~(delta_bit | stretch_bit));
  next.payload = whole.substr(sizeof(std::uint64_t) + 1);
  next.delta = (kind_byte & delta_bit) != 0;
  next.starts_stretch = (kind_byte & stretch_bit) != 0;
  next.written = nullptr;
  return true;
}

void finding_spool::cursor::decode(record& spooled, last_finding last) {
  assert(spooled.delta);
  if (spooled.starts_stretch) delta_.restart();
  spooled.written = &delta_.get(spooled.payload, spooled.kind, file_name, last);
}

const char* finding_spool::cursor::buffered(std::size_t bytes) {
  if (buffer_.size() - at_ < bytes) {
    // What is left of the chunk moves to the front, and the file's next bytes follow it: a
    // chunk at a time, or the whole record when it is longer.
    buffer_.erase(0, at_);
    at_ = 0;
    const std::size_t kept = buffer_.size();
    const std::uint64_t left = spool_->file_size_ - file_read_;
    const auto more = static_cast<std::size_t>(
        std::min<std::uint64_t>(std::max(buffer_size, bytes - kept), left));
    if (kept + more < bytes)
      spool_->fail("cannot read back", EIO);  // the file ends inside a record
    buffer_.resize(kept + more);
    spool_->file_->read_exactly(buffer_.data() + kept, more, file_read_);
    file_read_ += more;
  }
  return buffer_.data() + at_;
}

finding& finding_spool::decoded(const record& spooled, finding& scratch) {
  if (spooled.written) return *spooled.written;
  assert(!spooled.delta);  // a finding put with write() is read decoded
  byte_reader(spooled.payload, file_name).get_finding(scratch);
  return scratch;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
