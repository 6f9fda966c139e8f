"""CS231n's vectorized multiclass SVM loss (assignment 1, linear_svm.py) as the numpy baseline.

Usage: svm_numpy.py N D C RUNS SEED [BATCH BATCH_RUNS]
Generates X ~ U(-0.5, 0.5) (N x D, float32), W ~ U(-1e-4, 1e-4) (D x C) and random labels (the
distribution bench/suites/loss.mjs uses), times svm_loss_vectorized RUNS times (after one
warm-up) and prints one JSON line. With BATCH, also
times CS231n's SGD step body: sample BATCH row indices, gather X[idx] (a copy, as the assignment's
LinearClassifier.train does) and evaluate the loss on it.
"""
import json
import sys
import time

import numpy as np


def svm_loss_vectorized(W, X, y, reg):
    num_train = X.shape[0]
    scores = X.dot(W)
    rows = np.arange(num_train)
    correct = scores[rows, y][:, np.newaxis]
    margins = np.maximum(0, scores - correct + 1)
    margins[rows, y] = 0
    loss = margins.sum() / num_train + reg * np.sum(W * W)
    coef = (margins > 0).astype(X.dtype)
    coef[rows, y] = -coef.sum(axis=1)
    dW = X.T.dot(coef) / num_train + 2 * reg * W
    return loss, dW


def timed(fn, runs):
    fn()  # warm-up: first-touch of outputs, BLAS thread start-up
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1e3)
    return out


def main():
    N, D, C, runs, seed = (int(a) for a in sys.argv[1:6])
    batch, batch_runs = (int(a) for a in sys.argv[6:8]) if len(sys.argv) > 7 else (0, 0)
    rng = np.random.default_rng(seed)
    X = rng.random((N, D), dtype=np.float32) - np.float32(0.5)
    W = rng.uniform(-1e-4, 1e-4, (D, C)).astype(np.float32)
    y = rng.integers(0, C, N)
    reg = 2.5e4
    loss = float(svm_loss_vectorized(W, X, y, reg)[0])
    times = timed(lambda: svm_loss_vectorized(W, X, y, reg), runs)
    result = {"numpy": np.__version__, "loss": loss, "runs_ms": times, "median_ms": float(np.median(times))}
    if batch:
        def step():
            idx = rng.choice(N, batch)
            svm_loss_vectorized(W, X[idx], y[idx], reg)

        bt = timed(step, batch_runs)
        result["batch_median_ms"] = float(np.median(bt))
        result["batch_min_ms"] = float(min(bt))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
