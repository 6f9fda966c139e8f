// A small persistent thread pool. One job at a time: a caller that finds the pool busy (another
// training run, a concurrent request) gets a lease of one worker and runs inline, so concurrent
// callers never oversubscribe the cores.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace svm {

class ThreadPool {
 public:
  class Lease;

  static ThreadPool& global();

  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Total threads used by a job, the calling thread included. Takes effect for later leases.
  void set_threads(int threads);
  int threads() const { return threads_.load(); }

  // Claims the pool for one job (at most max_workers workers), or a lease of one if it is busy.
  Lease acquire(int max_workers);

  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    ~Lease();
    int workers() const { return workers_; }
    // Runs task(t, worker) for every t in [0, n_tasks); tasks are handed out dynamically.
    void run(int64_t n_tasks, const std::function<void(int64_t task, int worker)>& task);
    // Runs task(w, w) once on every worker w of the lease (the caller is worker 0), worker w always
    // on the same thread: work split by worker finds its data in that core's cache again in the
    // next call (a column split's two phases read the same columns).
    void run_each(const std::function<void(int64_t task, int worker)>& task);

   private:
    friend class ThreadPool;
    Lease(ThreadPool* pool, int workers) : pool_(pool), workers_(workers) {}
    ThreadPool* pool_;  // null when running inline
    int workers_;
  };

 private:
  void worker_loop(int id, uint64_t seen);
  void resize(int helpers);
  void run_job(int workers, int64_t n_tasks, const std::function<void(int64_t, int)>& task, bool pinned);

  std::atomic<int> threads_;
  std::mutex busy_;  // held by the lease that owns the helpers
  std::mutex mu_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> helpers_;
  // Written under mu_, also read without it by spinning threads.
  std::atomic<uint64_t> generation_{0};
  bool stopping_ = false;
  const std::function<void(int64_t, int)>* job_ = nullptr;
  int job_workers_ = 0;
  int64_t job_tasks_ = 0;
  bool job_pinned_ = false;  // task w runs on worker w (run_each)
  std::atomic<int64_t> next_task_{0};
  std::atomic<int> active_{0};
  std::exception_ptr error_;
};

}  // namespace svm
