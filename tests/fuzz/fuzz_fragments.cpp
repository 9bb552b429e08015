// libFuzzer entry point for reading in fragments. Each input is written to a file and read as
// an 837 by one thread and in fragments on two and three threads (of a size the input chooses):
// the sink must get the same calls, in the same order, and the counts must agree; an input that
// is refused must be refused alike. Any disagreement aborts, so the fuzzer reports it.

#include "support/call_log.hpp"

#include <authmatch/error.hpp>
#include <authmatch/x12/reader.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <sys/mman.h>
#include <unistd.h>

namespace {

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_fragments: invariant broken: %s\n", what);
  std::abort();
}

/// What one reading gave: the calls and counts, or the refusal.
std::string read_with(int fd, unsigned threads, std::size_t fragment_bytes) {
  require(::lseek(fd, 0, SEEK_SET) == 0, "the file can be rewound");
  authmatch::test::call_log log;
  authmatch::x12::read_options options;
  options.threads = threads;
  options.fragment_bytes = fragment_bytes;
  options.chunk_size = 4096;
  try {
    const auto s = authmatch::x12::read_837_fd(fd, "fuzz.x12", log, options);
    return log.text + std::to_string(s.bytes) + ' ' + std::to_string(s.segments) + ' ' +
           std::to_string(s.interchanges) + ' ' + std::to_string(s.groups) + ' ' +
           std::to_string(s.transactions) + ' ' + std::to_string(s.claims_read) + ' ' +
           std::to_string(s.claims_rejected) + ' ' + std::to_string(s.lines_read) + ' ' +
           std::to_string(s.diagnostics);
  } catch (const authmatch::input_error& e) {
    return log.text + "refused: " + e.what();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int fd = ::memfd_create("fuzz_fragments", 0);
  require(fd >= 0, "a memory file can be made");
  for (std::size_t done = 0; done < size;) {
    const auto n = ::write(fd, data + done, size - done);
    require(n > 0, "the memory file takes the input");
    done += static_cast<std::size_t>(n);
  }
  std::size_t sum = 0;
  for (std::size_t i = 0; i < size; ++i) sum += data[i];
  const std::size_t fragment_bytes = 1 + sum % 256;
  const auto whole = read_with(fd, 1, fragment_bytes);
  require(read_with(fd, 2, fragment_bytes) == whole, "two threads read as one");
  require(read_with(fd, 3, fragment_bytes) == whole, "three threads read as one");
  ::close(fd);
  return 0;
}
