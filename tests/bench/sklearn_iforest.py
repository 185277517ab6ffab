#!/usr/bin/env python3
"""scikit-learn's IsolationForest on the same matrix as detect_bench's C++ forest, for the speed
ratio in issue #4. Usage: sklearn_iforest.py MATRIX.npy [repeats]. Prints one line per repeat:
`seconds <fit+score wall time>`. Same settings as ours: 100 trees, 256 samples, all cores."""
import sys
import time

import numpy as np
from sklearn.ensemble import IsolationForest


def main() -> int:
    x = np.load(sys.argv[1]).astype(np.float32, copy=False)
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    for r in range(repeats):
        t0 = time.perf_counter()
        forest = IsolationForest(n_estimators=100, max_samples=256, random_state=r, n_jobs=-1).fit(x)
        scores = -forest.score_samples(x)
        elapsed = time.perf_counter() - t0
        print(f"seconds {elapsed:.4f} shape {x.shape[0]}x{x.shape[1]} mean_score {scores.mean():.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
