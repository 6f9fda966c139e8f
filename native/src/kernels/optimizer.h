// Parameter updates (CS231n's formulas) and learning-rate schedules, applied elementwise to W.
#pragma once

#include <cmath>
#include <cstdint>

namespace svm {

enum class UpdateRule : int { Sgd = 0, Momentum = 1, Nesterov = 2, RmsProp = 3, Adam = 4 };
enum class Schedule : int { Constant = 0, Step = 1, Exponential = 2, InverseTime = 3 };

struct OptimizerConfig {
  UpdateRule rule = UpdateRule::Sgd;
  double learning_rate = 1e-3;
  double momentum = 0.9;     // momentum, nesterov
  double decay = 0.99;       // rmsprop's cache decay
  double beta1 = 0.9;        // adam
  double beta2 = 0.999;      // adam
  double eps = 1e-8;         // rmsprop, adam
  Schedule schedule = Schedule::Constant;
  double schedule_every = 1;  // step decay: steps between drops
  double schedule_gamma = 0.1;  // step decay factor
  double schedule_k = 0;      // exponential: lr·e^(−k·t); inverse time: lr/(1 + k·t)
};

// Learning rate at step t (0-based).
inline double learning_rate_at(const OptimizerConfig& c, int64_t t) {
  switch (c.schedule) {
    case Schedule::Step:
      return c.learning_rate * std::pow(c.schedule_gamma, std::floor(static_cast<double>(t) / c.schedule_every));
    case Schedule::Exponential:
      return c.learning_rate * std::exp(-c.schedule_k * static_cast<double>(t));
    case Schedule::InverseTime:
      return c.learning_rate / (1.0 + c.schedule_k * static_cast<double>(t));
    case Schedule::Constant:
    default:
      return c.learning_rate;
  }
}

// One update of w (n elements) from gradient g at step t (0-based), with the rule's state in s1/s2
// (velocity; rmsprop cache; adam's first and second moments).
template <typename T>
void apply_update(const OptimizerConfig& c, double lr, int64_t t, T* w, const T* g, T* s1, T* s2, int64_t n) {
  const T a = static_cast<T>(lr);
  switch (c.rule) {
    case UpdateRule::Sgd:
      for (int64_t i = 0; i < n; ++i) w[i] -= a * g[i];
      break;
    case UpdateRule::Momentum: {
      const T mu = static_cast<T>(c.momentum);
      for (int64_t i = 0; i < n; ++i) {
        s1[i] = mu * s1[i] - a * g[i];
        w[i] += s1[i];
      }
      break;
    }
    case UpdateRule::Nesterov: {
      const T mu = static_cast<T>(c.momentum);
      for (int64_t i = 0; i < n; ++i) {
        const T prev = s1[i];
        s1[i] = mu * s1[i] - a * g[i];
        w[i] += -mu * prev + (1 + mu) * s1[i];
      }
      break;
    }
    case UpdateRule::RmsProp: {
      const T d = static_cast<T>(c.decay), eps = static_cast<T>(c.eps);
      for (int64_t i = 0; i < n; ++i) {
        s1[i] = d * s1[i] + (1 - d) * g[i] * g[i];
        w[i] -= a * g[i] / (std::sqrt(s1[i]) + eps);
      }
      break;
    }
    case UpdateRule::Adam: {
      const T b1 = static_cast<T>(c.beta1), b2 = static_cast<T>(c.beta2), eps = static_cast<T>(c.eps);
      const double step = static_cast<double>(t + 1);
      const T c1 = static_cast<T>(1.0 / (1.0 - std::pow(c.beta1, step)));
      const T c2 = static_cast<T>(1.0 / (1.0 - std::pow(c.beta2, step)));
      for (int64_t i = 0; i < n; ++i) {
        s1[i] = b1 * s1[i] + (1 - b1) * g[i];
        s2[i] = b2 * s2[i] + (1 - b2) * g[i] * g[i];
        w[i] -= a * (s1[i] * c1) / (std::sqrt(s2[i] * c2) + eps);
      }
      break;
    }
  }
}

}  // namespace svm
