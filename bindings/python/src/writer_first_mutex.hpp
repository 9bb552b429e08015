#ifndef AUTHMATCH_PYTHON_WRITER_FIRST_MUTEX_HPP
#define AUTHMATCH_PYTHON_WRITER_FIRST_MUTEX_HPP

// A readers-writer lock whose writers go first: once a writer waits, new readers wait behind
// it, so the writer gets in as soon as the readers under way let go. std::shared_mutex (a glibc
// rwlock that prefers readers) lets new readers in ahead of a waiting writer, which then waits
// as long as readers overlap: rows added to an index that threads keep validating against could
// wait indefinitely. Not recursive: a thread holding it shared must not take it again.

#include <pthread.h>

#include <cerrno>
#include <system_error>

namespace authmatch::python {

class writer_first_mutex {
 public:
  writer_first_mutex() {
    pthread_rwlockattr_t attributes;
    pthread_rwlockattr_init(&attributes);
#if defined(__GLIBC__)  // elsewhere (musl) the C library's own policy
    pthread_rwlockattr_setkind_np(&attributes, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
#endif
    const int failed = pthread_rwlock_init(&lock_, &attributes);
    pthread_rwlockattr_destroy(&attributes);
    check(failed, "pthread_rwlock_init");
  }
  ~writer_first_mutex() { pthread_rwlock_destroy(&lock_); }
  writer_first_mutex(const writer_first_mutex&) = delete;
  writer_first_mutex& operator=(const writer_first_mutex&) = delete;

  // Lockable and SharedLockable, for std::unique_lock and std::shared_lock.
  void lock() { check(pthread_rwlock_wrlock(&lock_), "pthread_rwlock_wrlock"); }
  bool try_lock() noexcept { return pthread_rwlock_trywrlock(&lock_) == 0; }
  void unlock() noexcept { pthread_rwlock_unlock(&lock_); }
  void lock_shared() { check(pthread_rwlock_rdlock(&lock_), "pthread_rwlock_rdlock"); }
  bool try_lock_shared() noexcept { return pthread_rwlock_tryrdlock(&lock_) == 0; }
  void unlock_shared() noexcept { pthread_rwlock_unlock(&lock_); }

 private:
  static void check(int error, const char* what) {
    if (error != 0) throw std::system_error(error, std::generic_category(), what);
  }

  pthread_rwlock_t lock_;
};

}  // namespace authmatch::python

#endif
