#ifndef AUTHMATCH_SYNTH_OUTPUT_HPP
#define AUTHMATCH_SYNTH_OUTPUT_HPP

// Buffered output for the generator (a file or a string), and a writer that assembles X12
// segments with any delimiters and counts them for SE01.

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

namespace authmatch::synth {

/// Collects bytes and hands them to a FILE* in 1 MiB blocks, or appends them to a string.
class output {
 public:
  explicit output(std::FILE* file) noexcept : file_(file) { buffer_.reserve(block + 4096); }
  explicit output(std::string& text) noexcept : text_(&text) {}
  output(const output&) = delete;
  output& operator=(const output&) = delete;
  ~output() {
    try {
      flush();
    } catch (...) {  // a destructor must not throw; call flush() to see errors
    }
  }

  void write(std::string_view bytes) {
    written_ += bytes.size();
    if (text_ != nullptr) {
      text_->append(bytes);
      return;
    }
    buffer_.append(bytes);
    if (buffer_.size() >= block) flush();
  }

  void flush() {
    if (file_ == nullptr || buffer_.empty()) return;
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      throw std::runtime_error("cannot write the output");
    }
    buffer_.clear();
  }

  std::uint64_t bytes_written() const noexcept { return written_; }

 private:
  static constexpr std::size_t block = std::size_t{1} << 20;
  std::FILE* file_ = nullptr;
  std::string* text_ = nullptr;
  std::string buffer_;
  std::uint64_t written_ = 0;
};

struct delimiters {
  char element = '*';
  char component = ':';
  char repetition = '^';
  char segment = '~';
  bool newline = true;  ///< "\n" after each terminator
};

/// Builds one segment at a time: begin("NM1").add("IL").add("1")...end().
class segment_writer {
 public:
  segment_writer(output& out, const delimiters& delims) : out_(&out), delims_(delims) {
    text_.reserve(256);
  }

  const delimiters& delims() const noexcept { return delims_; }

  segment_writer& begin(std::string_view id) {
    text_.assign(id);
    return *this;
  }
  /// A new element.
  segment_writer& add(std::string_view value) {
    text_ += delims_.element;
    text_ += value;
    return *this;
  }
  /// Another component of the element just added.
  segment_writer& sub(std::string_view value) {
    text_ += delims_.component;
    text_ += value;
    return *this;
  }
  /// Writes the segment, dropping trailing empty elements.
  void end() {
    while (!text_.empty() && text_.back() == delims_.element) text_.pop_back();
    text_ += delims_.segment;
    if (delims_.newline) text_ += '\n';
    out_->write(text_);
    ++count_;
  }

  /// Segments written since reset_count().
  std::uint64_t count() const noexcept { return count_; }
  void reset_count() noexcept { count_ = 0; }

 private:
  output* out_;
  delimiters delims_;
  std::string text_;
  std::uint64_t count_ = 0;
};

/// Writes an interchange header (ISA, control number 000000001, test data) from `sender` to
/// `receiver`, dated `yymmdd`, with the chosen delimiters.
inline void write_isa(output& out, const delimiters& delims, std::string_view sender,
                      std::string_view receiver, std::string_view yymmdd) {
  const auto id = [](std::string_view name) {
    std::string padded(name);
    padded.resize(15, ' ');
    return padded;
  };
  const std::string from = id(sender), to = id(receiver);
  const std::string_view elements[] = {"00",
                                       "          ",
                                       "00",
                                       "          ",
                                       "ZZ",
                                       from,
                                       "ZZ",
                                       to,
                                       yymmdd,
                                       "1200",
                                       std::string_view(&delims.repetition, 1),
                                       "00501",
                                       "000000001",
                                       "0",
                                       "T"};
  std::string text = "ISA";
  for (const std::string_view element : elements) {
    text += delims.element;
    text += element;
  }
  text += delims.element;
  text += delims.component;
  text += delims.segment;
  if (delims.newline) text += '\n';
  out.write(text);
}

}  // namespace authmatch::synth

#endif
