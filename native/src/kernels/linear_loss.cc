// The fused loss's entry points: validation, the choice of strategy (panel_loss.h), the stats, and
// for row-major callers the conversion of W into panels and of the gradient back.
#include "kernels/linear_loss.h"

#include <stdexcept>

#include "kernels/loss_common.h"
#include "kernels/panel_loss.h"
#include "kernels/simd.h"
#include "kernels/tiles.h"

namespace svm {

template <typename T>
LossStats panel_loss_and_grad(const LossInput<T>& in, const T* Wp, T* Gp, double* grad_sq, LossWorkspace<T>& ws,
                              const RangeFn* before, const int32_t* next) {
  const int64_t n = in.batch ? in.batch_size : in.rows_total;
  const int64_t D = in.D, C = in.C;
  if (n <= 0) throw std::invalid_argument("no rows to compute the loss over");
  if (D <= 0) throw std::invalid_argument("X has no columns");
  if (C < 1) throw std::invalid_argument("W has no columns (classes)");

  double stats[loss::kStats] = {0, 0, 0};
  double reg_sq = 0, sq = 0;
  const int64_t parts = loss::column_parts(n, D, C, simd::Vec<T>::width);
  if (parts > 1) {
    loss::column_split(in, parts, Wp, Gp, before, next, ws, stats, &reg_sq, &sq);
  } else {
    ws.next_streamed = false;
    if (before) (*before)(0, C * tiles::padded<T>(D));
    loss::row_shards(in, Wp, Gp, ws, stats, &sq);
    reg_sq = loss::sum_squares(Wp, C * tiles::padded<T>(D));
  }
  if (grad_sq) *grad_sq = sq;

  LossStats out;
  out.data_loss = stats[0] / static_cast<double>(n);
  out.reg_loss = in.reg * reg_sq;
  out.loss = out.data_loss + out.reg_loss;
  out.violated_share = in.kind == LossKind::Svm && C > 1 ? stats[1] / (static_cast<double>(n) * (C - 1)) : 0;
  out.accuracy = stats[2] / static_cast<double>(n);
  return out;
}

template <typename T>
LossStats loss_and_grad(const LossInput<T>& in, T* grad, LossWorkspace<T>& ws) {
  if (in.D <= 0 || in.C < 1) return panel_loss_and_grad<T>(in, nullptr, nullptr, nullptr, ws);  // throws
  const int64_t Dp = tiles::padded<T>(in.D);
  ws.Wp.resize(in.C * Dp);
  tiles::to_panels(in.W, in.D, in.C, Dp, ws.Wp.data());
  if (grad) ws.Gp.resize(in.C * Dp);
  const LossStats out = panel_loss_and_grad<T>(in, ws.Wp.data(), grad ? ws.Gp.data() : nullptr, nullptr, ws);
  if (grad) tiles::from_panels(ws.Gp.data(), in.D, in.C, grad);
  return out;
}

template LossStats panel_loss_and_grad<float>(const LossInput<float>&, const float*, float*, double*,
                                              LossWorkspace<float>&, const RangeFn*, const int32_t*);
template LossStats panel_loss_and_grad<double>(const LossInput<double>&, const double*, double*, double*,
                                               LossWorkspace<double>&, const RangeFn*, const int32_t*);
template LossStats loss_and_grad<float>(const LossInput<float>&, float*, LossWorkspace<float>&);
template LossStats loss_and_grad<double>(const LossInput<double>&, double*, LossWorkspace<double>&);

}  // namespace svm
