#ifndef AUTHMATCH_TESTS_SUPPORT_SCRATCH_LEDGER_HPP
#define AUTHMATCH_TESTS_SUPPORT_SCRATCH_LEDGER_HPP

#include <authmatch/ledger.hpp>

#include <filesystem>
#include <string>

#include <unistd.h>

namespace authmatch::test {

/// A ledger file in the temporary directory, removed with its WAL files afterwards.
class scratch_ledger {
 public:
  scratch_ledger() {
    static int counter = 0;
    path_ =
        std::filesystem::temp_directory_path() /
        ("authmatch-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".db");
    remove();
  }
  scratch_ledger(const scratch_ledger&) = delete;
  scratch_ledger& operator=(const scratch_ledger&) = delete;
  ~scratch_ledger() { remove(); }

  const std::filesystem::path& path() const { return path_; }
  utilization_ledger open() const { return utilization_ledger::open(path_); }

 private:
  void remove() const {
    for (const auto* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }
  std::filesystem::path path_;
};

}  // namespace authmatch::test

#endif
