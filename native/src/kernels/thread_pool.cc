#include "kernels/thread_pool.h"

#include <algorithm>
#include <chrono>

#include "kernels/blas.h"

namespace svm {

namespace {

// Waking a sleeping thread costs tens of microseconds (more in a VM): as much as a whole
// mini-batch step. Threads therefore spin this long on the condition before they sleep, so a
// training loop's back-to-back jobs hand over in well under a microsecond.
constexpr auto kSpin = std::chrono::microseconds(200);

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

template <typename Pred>
bool spin_until(Pred pred) {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  for (int i = 0;; ++i) {
    if (pred()) return true;
    cpu_relax();
    if ((i & 63) == 63 && std::chrono::steady_clock::now() > until) return false;
  }
}

}  // namespace

ThreadPool& ThreadPool::global() {
  static ThreadPool pool(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  return pool;
}

ThreadPool::ThreadPool(int threads) : threads_(std::max(1, threads)) {}

ThreadPool::~ThreadPool() { resize(0); }

void ThreadPool::set_threads(int threads) {
  threads_.store(std::max(1, threads));
  blas_set_threads(threads_.load());
}

void ThreadPool::resize(int helpers) {
  if (static_cast<int>(helpers_.size()) == helpers) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : helpers_) t.join();
  helpers_.clear();
  stopping_ = false;
  // New helpers start from the current generation: the last job is finished, and one counted as
  // new would run a stale (or null) task and miscount the active workers. resize() runs under busy_,
  // so no job can start before they are up.
  const uint64_t seen = generation_.load();
  for (int i = 0; i < helpers; ++i) helpers_.emplace_back([this, i, seen] { worker_loop(i + 1, seen); });
}

ThreadPool::Lease ThreadPool::acquire(int max_workers) {
  int want = std::min(std::max(1, max_workers), threads_.load());
  if (want <= 1 || !busy_.try_lock()) return Lease(nullptr, 1);
  resize(threads_.load() - 1);
  return Lease(this, want);
}

ThreadPool::Lease::Lease(Lease&& other) noexcept : pool_(other.pool_), workers_(other.workers_) {
  other.pool_ = nullptr;
}

ThreadPool::Lease::~Lease() {
  if (pool_) pool_->busy_.unlock();
}

void ThreadPool::Lease::run(int64_t n_tasks, const std::function<void(int64_t, int)>& task) {
  if (!pool_ || workers_ <= 1 || n_tasks <= 1) {
    for (int64_t t = 0; t < n_tasks; ++t) task(t, 0);
    return;
  }
  pool_->run_job(workers_, n_tasks, task, false);
}

void ThreadPool::Lease::run_each(const std::function<void(int64_t, int)>& task) {
  if (!pool_ || workers_ <= 1) {
    task(0, 0);
    return;
  }
  pool_->run_job(workers_, workers_, task, true);
}

void ThreadPool::run_job(int workers, int64_t n_tasks, const std::function<void(int64_t, int)>& task, bool pinned) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = &task;
    job_workers_ = workers;
    job_tasks_ = n_tasks;
    job_pinned_ = pinned;
    next_task_.store(0);
    active_ = workers - 1;
    error_ = nullptr;
    ++generation_;
  }
  wake_.notify_all();
  std::exception_ptr mine;
  try {
    if (pinned)
      task(0, 0);
    else
      for (int64_t t; (t = next_task_.fetch_add(1)) < n_tasks;) task(t, 0);
  } catch (...) {
    mine = std::current_exception();
    next_task_.store(n_tasks);  // let the helpers stop early
  }
  if (!spin_until([this] { return active_.load(std::memory_order_acquire) == 0; })) {
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [this] { return active_.load() == 0; });
  }
  std::lock_guard<std::mutex> lock(mu_);
  job_ = nullptr;
  if (mine) std::rethrow_exception(mine);
  if (error_) std::rethrow_exception(error_);
}

void ThreadPool::worker_loop(int id, uint64_t seen) {
  for (;;) {
    const std::function<void(int64_t, int)>* job;
    int64_t n_tasks;
    bool pinned;
    spin_until([&] { return generation_.load(std::memory_order_acquire) != seen; });
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || generation_.load() != seen; });
      if (stopping_) return;
      seen = generation_.load();
      if (id >= job_workers_) continue;  // this job asked for fewer workers
      job = job_;
      n_tasks = job_tasks_;
      pinned = job_pinned_;
    }
    try {
      if (pinned)
        (*job)(id, id);
      else
        for (int64_t t; (t = next_task_.fetch_add(1)) < n_tasks;) (*job)(t, id);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu_);
      if (!error_) error_ = std::current_exception();
      next_task_.store(n_tasks);
    }
    if (active_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      std::lock_guard<std::mutex> lock(mu_);  // pairs with the caller's locked check: no lost wake-up
      done_.notify_all();
    }
  }
}

}  // namespace svm
