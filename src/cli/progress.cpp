#include "progress.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace authmatch::cli {

progress::progress(std::FILE* out, std::chrono::milliseconds delay)
    : out_(out),
      enabled_(isatty(fileno(out)) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_),
      delay_(delay) {}

void progress::start_input(std::string_view name, std::uint64_t total_bytes) {
  name_.assign(name);
  total_ = total_bytes;
}

void progress::update(std::uint64_t bytes, std::uint64_t claims) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < delay_ || (drawn_ && now - last_draw_ < std::chrono::milliseconds(100))) {
    return;
  }
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = static_cast<double>(claims) / seconds;
  const double megabytes = static_cast<double>(bytes) / 1e6;
  std::string bar;
  if (total_ > 0) {
    constexpr int width = 24;
    const double done = static_cast<double>(bytes) / static_cast<double>(total_);
    const int filled = static_cast<int>(done * width);
    bar = fmt::format("[{:#<{}}{:.<{}}] {:3.0f}% {:.0f}/{:.0f} MB", "", filled, "", width - filled,
                      done * 100, megabytes, static_cast<double>(total_) / 1e6);
  } else {
    bar = fmt::format("{:.0f} MB", megabytes);
  }
  fmt::print(out_, "\r\033[K{}  {} claims  {:.0f} claims/s  {}", bar, claims, rate, name_);
  std::fflush(out_);
}

void progress::finish() {
  if (!drawn_) return;
  drawn_ = false;
  std::fputs("\r\033[K", out_);
  std::fflush(out_);
}

}  // namespace authmatch::cli
