#include "run/claim_file.hpp"

#include "run/byte_codec.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace authmatch {
inline namespace v0 {
namespace detail {

// A claim: the size of the rest (a variable-length integer, put_varint), then its frequency code
// (a byte), payer, input, sequence and source position (variable-length integers), then its
// claim ID, original ID and member ID, each its size (a variable-length integer) and its bytes.

namespace {

constexpr std::string_view file_name = "the temporary file of claims";

/// The bytes put_varint() writes for `value`.
std::size_t varint_size(std::uint64_t value) noexcept {
  std::size_t size = 1;
  for (; value >= 0x80; value >>= 7) ++size;
  return size;
}

char* put_text(char* at, std::string_view text) noexcept {
  at = put_varint(at, text.size());
  if (!text.empty()) std::memcpy(at, text.data(), text.size());
  return at + text.size();
}

}  // namespace

claim_file::place claim_file::append(const stored_claim& claim) {
  // Written in place at the end of what is pending: its size first, so it is counted first.
  const std::size_t size = 1 + varint_size(claim.payer) + varint_size(claim.source_input) +
                           varint_size(claim.sequence) + varint_size(claim.source_position) +
                           varint_size(claim.claim_id.size()) + claim.claim_id.size() +
                           varint_size(claim.original_id.size()) + claim.original_id.size() +
                           varint_size(claim.member_id.size()) + claim.member_id.size();
  const auto placed = end();
  if (count_ % mark_every == 0) marks_.push_back(placed);
  const auto start = pending_.size();
  pending_.resize(start + varint_size(size) + size);
  char* at = put_varint(pending_.data() + start, size);
  *at++ = static_cast<char>(claim.frequency);
  at = put_varint(at, claim.payer);
  at = put_varint(at, claim.source_input);
  at = put_varint(at, claim.sequence);
  at = put_varint(at, claim.source_position);
  at = put_text(at, claim.claim_id);
  at = put_text(at, claim.original_id);
  at = put_text(at, claim.member_id);
  assert(at == pending_.data() + pending_.size());
  ++count_;
  if (pending_.size() >= buffer_size) {
    if (!file_) file_.emplace(std::string(file_name));
    file_->write_at(pending_, file_size_);
    file_size_ += pending_.size();
    pending_.clear();
  }
  return placed;
}

void claim_file::clear() {
  file_.reset();
  file_size_ = 0;
  pending_.clear();
  count_ = 0;
  marks_.clear();
}

std::string_view claim_reader::bytes_at(claim_file::place at, std::size_t bytes) {
  const auto& file = *file_;
  if (at >= file.file_size_) {
    // Still in memory: a claim lies wholly in the file or wholly in memory.
    const auto from = static_cast<std::size_t>(at - file.file_size_);
    return std::string_view(file.pending_).substr(from, bytes);
  }
  const auto left = file.file_size_ - at;
  bytes = static_cast<std::size_t>(std::min<std::uint64_t>(bytes, left));
  if (at < window_at_ || at + bytes > window_at_ + window_.size()) {
    window_.resize(
        static_cast<std::size_t>(std::min<std::uint64_t>(std::max(window_size_, bytes), left)));
    try {
      file.file_->read_exactly(window_.data(), window_.size(), at);
    } catch (...) {
      window_.clear();  // nothing read is served
      throw;
    }
    window_at_ = at;
  }
  return std::string_view(window_).substr(static_cast<std::size_t>(at - window_at_), bytes);
}

const stored_claim& claim_reader::at(claim_file::place at) {
  byte_reader head(bytes_at(at, max_varint_bytes), file_name);
  const auto size = head.get_varint();
  const auto size_bytes = varint_size(size);
  const auto record = bytes_at(at, size_bytes + static_cast<std::size_t>(size));
  if (record.size() != size_bytes + size) head.damaged();
  byte_reader in(record.substr(size_bytes), file_name);
  const auto frequency = in.get<char>();
  claim_.frequency = static_cast<claim_frequency>(frequency);
  const auto get32 = [&in] {
    const auto value = in.get_varint();
    if (value > 0xFFFFFFFFU) in.damaged();
    return static_cast<std::uint32_t>(value);
  };
  claim_.payer = get32();
  claim_.source_input = get32();
  claim_.sequence = in.get_varint();
  claim_.source_position = in.get_varint();
  const auto get_text = [&in] { return in.get_bytes(in.get_varint()); };
  claim_.claim_id = get_text();
  claim_.original_id = get_text();
  claim_.member_id = get_text();
  if (!in.empty()) in.damaged();
  next_ = at + record.size();
  return claim_;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
