"""CS231n's LinearClassifier.train (assignment 1, linear_classifier.py) with the vectorized SVM loss,
as the numpy baseline for the training loop.

Usage: train_numpy.py N D C ITERS BATCH LR REG SEED [W_DTYPE]
Generates X ~ U(-0.5, 0.5) (N x D, float32) and random labels, then times ITERS steps of: sample
BATCH rows with replacement, gather X[idx] (a copy, as the assignment does), loss and gradient,
W -= lr * grad. Prints one JSON line.

W_DTYPE float32 (default) keeps the whole step in float32, like ours. float64 is the assignment's
code as written: `0.001 * np.random.randn(dim, num_classes)` is float64, so every step upcasts the
float32 batch and runs in double precision.
"""
import json
import sys
import time

import numpy as np

from svm_numpy import svm_loss_vectorized


def main():
    N, D, C, iters, batch = (int(a) for a in sys.argv[1:6])
    lr, reg = float(sys.argv[6]), float(sys.argv[7])
    rng = np.random.default_rng(int(sys.argv[8]))
    X = rng.random((N, D), dtype=np.float32) - np.float32(0.5)
    y = rng.integers(0, C, N)
    w_dtype = sys.argv[9] if len(sys.argv) > 9 else "float32"
    if w_dtype not in ("float32", "float64"):
        sys.exit(f"W_DTYPE must be float32 or float64, got {w_dtype!r}")
    W = (0.001 * rng.standard_normal((D, C))).astype(w_dtype)
    t0 = time.perf_counter()
    for _ in range(iters):
        idx = rng.choice(N, batch, replace=True)
        loss, grad = svm_loss_vectorized(W, X[idx], y[idx], reg)
        W -= lr * grad
    ms = (time.perf_counter() - t0) * 1e3
    print(json.dumps({"numpy": np.__version__, "ms": ms, "final_loss": float(loss)}))


if __name__ == "__main__":
    main()
