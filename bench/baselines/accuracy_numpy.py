"""CS231n-style numpy SGD (plain, constant learning rate, vectorized SVM loss) on a dataset given
as raw binary files, and optionally scikit-learn's SGDClassifier(hinge) and LinearSVC.

Usage: accuracy_numpy.py DIR ITERS BATCH REG LR[,LR...] [sklearn]
DIR holds Xtr.f32 Xte.f32 ytr.i32 yte.i32 and shape.json ({"D": ...}). Data are raw features in
[0, 1]; the script subtracts the training mean and appends the bias column, like our side. For each
learning rate it trains from the same seed and reports test accuracy and training time; prints
one JSON line.
"""
import json
import os
import sys
import time

import numpy as np

from svm_numpy import svm_loss_vectorized


def load(d):
    D = json.load(open(os.path.join(d, "shape.json")))["D"]
    Xtr = np.fromfile(os.path.join(d, "Xtr.f32"), dtype=np.float32).reshape(-1, D)
    Xte = np.fromfile(os.path.join(d, "Xte.f32"), dtype=np.float32).reshape(-1, D)
    ytr = np.fromfile(os.path.join(d, "ytr.i32"), dtype=np.int32)
    yte = np.fromfile(os.path.join(d, "yte.i32"), dtype=np.int32)
    return Xtr, ytr, Xte, yte


def main():
    d, iters, batch, reg, lrs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    sk = len(sys.argv) > 6 and sys.argv[6] == "sklearn"
    Xtr, ytr, Xte, yte = load(d)
    mean = Xtr.mean(axis=0)
    Xb = np.hstack([Xtr - mean, np.ones((Xtr.shape[0], 1), np.float32)])
    Xtb = np.hstack([Xte - mean, np.ones((Xte.shape[0], 1), np.float32)])
    C = int(ytr.max()) + 1
    out = {"numpy": np.__version__, "sgd": []}
    for lr in (float(v) for v in lrs.split(",")):
        rng = np.random.default_rng(0)
        W = (0.001 * rng.standard_normal((Xb.shape[1], C))).astype(np.float32)
        t0 = time.perf_counter()
        for _ in range(iters):
            idx = rng.choice(Xb.shape[0], batch, replace=True)
            _, grad = svm_loss_vectorized(W, Xb[idx], ytr[idx], reg)
            W -= np.float32(lr) * grad
        secs = time.perf_counter() - t0
        acc = float((np.argmax(Xtb @ W, axis=1) == yte).mean())
        out["sgd"].append({"lr": lr, "seconds": secs, "accuracy": acc})
    if sk:
        from sklearn.linear_model import SGDClassifier

        t0 = time.perf_counter()
        clf = SGDClassifier(loss="hinge", random_state=0).fit(Xtr - mean, ytr)
        out["sklearn_sgd"] = {"seconds": time.perf_counter() - t0, "accuracy": float(clf.score(Xte - mean, yte))}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
