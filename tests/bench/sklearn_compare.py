#!/usr/bin/env python3
"""Issue #14's speed comparison, in one run, as ratios: `defectscope-cli score` on a 4096 x 4096
image (figure included) against scikit-learn's model step alone on the same 16,129 x 2,304 matrix.

  isolation forest   ours: score --detector iforest --features raw --patch 64 --stride 32 (whole run)
                     sklearn: IsolationForest(100 trees, 256 samples, all cores) fit + score_samples
  k-NN               ours: the same with --detector knn (k = 5 neighbours, bank of 4,096 patches)
                     sklearn: NearestNeighbors(algorithm="brute") fit on all rows + kneighbors of
                     all rows with k + 1 (the first neighbour of a row is itself)
  one-class SVM      ours: the same with --detector ocsvm (RBF, gamma "scale", nu 0.5)
                     sklearn: OneClassSVM(kernel="rbf", gamma="scale", nu=0.5) fit + score_samples

Ours and scikit-learn's alternate, detector by detector, so both see the same load; `uptime` is
printed with the figures. Our peak memory comes from /usr/bin/time -v and is compared with 3 x (image
+ feature matrix). The matrix scikit-learn gets is built here the way `score` builds it (median/MAD
normalisation, 64-px patches at stride 32, area-resampled to 48 x 48).

The default image is the grain-boundary micrograph of the shared data tiled 8 x 8 (the issue's
big.npy: OpenCV wrote its figure as 45 MB). --image takes any 4096^2 float32 .npy instead.

Usage: sklearn_compare.py [--cli build/bin/defectscope-cli] [--image big.npy] [--rounds 1]
                          [--detectors iforest,knn,ocsvm] [--sklearn-knn-bank] [--work DIR]
Runs with /usr/bin/python3 (Debian's python3-sklearn, DEFECTSCOPE_DEPS_EXTRA=1 scripts/deps).
OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are left as the environment has them, for both sides: Debian's
numpy and our CLI load the same system OpenBLAS.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

PATCH, STRIDE, SIDE = 64, 32, 48
KNN_K = 5  # knn_detector.cpp's default "k"


def area_weights(n_in: int, n_out: int) -> np.ndarray:
    """The n_out x n_in matrix of OpenCV's INTER_AREA downsampling along one axis."""
    scale = n_in / n_out
    w = np.zeros((n_out, n_in))
    for o in range(n_out):
        lo, hi = o * scale, (o + 1) * scale
        for i in range(int(np.floor(lo)), int(np.ceil(hi))):
            w[o, i] = (min(hi, i + 1) - max(lo, i)) / scale
    return w


def feature_matrix(image: np.ndarray) -> np.ndarray:
    x = image.astype(np.float32)
    finite = x[np.isfinite(x)]
    median = np.median(finite)
    mad = 1.4826 * np.median(np.abs(finite - median))
    x = np.where(np.isfinite(x), (x - median) / (mad if mad > 0 else 1.0), 0).astype(np.float32)
    w = area_weights(PATCH, SIDE).astype(np.float32)
    starts_y = range(0, x.shape[0] - PATCH + 1, STRIDE)
    starts_x = range(0, x.shape[1] - PATCH + 1, STRIDE)
    rows = []
    for y in starts_y:
        band = np.stack([x[y:y + PATCH, c:c + PATCH] for c in starts_x])  # (cols, 64, 64)
        rows.append((w @ band @ w.T).reshape(len(starts_x), SIDE * SIDE))
    return np.concatenate(rows).astype(np.float32)


def sklearn_worker(model: str, matrix_path: str) -> None:
    """Runs in a child process: one model's fit + score, timed without loading the matrix."""
    from threadpoolctl import threadpool_info
    x = np.load(matrix_path)
    t0, c0 = time.perf_counter(), time.process_time()
    if model == "iforest":
        from sklearn.ensemble import IsolationForest
        f = IsolationForest(n_estimators=100, max_samples=256, random_state=0, n_jobs=-1).fit(x)
        s = -f.score_samples(x)
    elif model in ("knn", "knn-bank"):
        from sklearn.neighbors import NearestNeighbors
        bank = x if model == "knn" else x[np.random.default_rng(0).choice(len(x), 4096, replace=False)]
        nn = NearestNeighbors(n_neighbors=KNN_K + 1, algorithm="brute", n_jobs=-1).fit(bank)
        d, _ = nn.kneighbors(x)
        s = d[:, 1:].mean(axis=1)
    elif model == "ocsvm":
        from sklearn.svm import OneClassSVM
        m = OneClassSVM(kernel="rbf", gamma="scale", nu=0.5).fit(x)
        s = -m.score_samples(x)
    else:
        raise SystemExit(f"unknown model {model}")
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    blas = [f"{i.get('internal_api')}:{i.get('architecture')}:{i.get('num_threads')}" for i in threadpool_info()
            if i.get("user_api") == "blas"]
    print(json.dumps({"wall": wall, "cpu": cpu, "rows": int(x.shape[0]), "cols": int(x.shape[1]),
                      "mean_score": float(np.mean(s)), "blas": blas}), flush=True)


def run_ours(cli: str, image: Path, detector: str, out: Path) -> dict:
    cmd = ["/usr/bin/time", "-v", cli, "score", str(image), "--detector", detector, "--features", "raw",
           "--patch", str(PATCH), "--stride", str(STRIDE), "--out", str(out)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{p.stdout}\n{p.stderr}")

    def field(name: str) -> str:
        return re.search(rf"^\s*{re.escape(name)}: (.*)$", p.stderr, re.M).group(1)
    h, m, s = ([0, 0] + field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"))[-3:]
    figure = next(out.glob("*/annotated.png"))
    return {"wall": int(h) * 3600 + int(m) * 60 + float(s),
            "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
            "peak_mb": int(field("Maximum resident set size (kbytes)")) / 1024,
            "figure_mb": figure.stat().st_size / 1e6, "command": " ".join(cmd[2:])}


def run_sklearn(model: str, matrix: Path) -> dict:
    p = subprocess.run(["/usr/bin/python3", __file__, "--sklearn-worker", model, str(matrix)],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"scikit-learn {model} failed:\n{p.stderr}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default=str(Path(__file__).resolve().parents[2] / "build/bin/defectscope-cli"))
    ap.add_argument("--image", help="4096^2 float32 .npy (default: the shared grain-boundary image tiled 8 x 8)")
    ap.add_argument("--data", default=os.environ.get("DEFECTSCOPE_TESTDATA",
                                                     str(Path(__file__).resolve().parents[3] / "shared/data")))
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--detectors", default="iforest,knn,ocsvm")
    ap.add_argument("--sklearn-knn-bank", action="store_true",
                    help="also time scikit-learn's k-NN on a 4,096-row bank, the work our detector does")
    ap.add_argument("--work", help="scratch folder (default: a temporary one, removed afterwards)")
    ap.add_argument("--sklearn-worker", nargs=2, metavar=("MODEL", "MATRIX"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.sklearn_worker:
        sklearn_worker(*a.sklearn_worker)
        return 0

    with tempfile.TemporaryDirectory(dir=a.work) as tmp:
        work = Path(tmp)
        if a.image:
            image_path = Path(a.image)
        else:
            src = Path(a.data) / "real/G-GrainBoundary-4nm.npy"
            if not src.exists():
                print(f"skipped: {src} not found (give --image or set DEFECTSCOPE_TESTDATA)")
                return 0
            image_path = work / "big.npy"
            np.save(image_path, np.tile(np.load(src).astype(np.float32), (8, 8)))
        image = np.load(image_path)
        x = feature_matrix(image)
        matrix = work / "matrix.npy"
        np.save(matrix, x)
        budget_mb = 3 * (image.nbytes + x.nbytes) / 2**20
        print(f"image {image_path} {image.shape[1]}x{image.shape[0]}, matrix {x.shape[0]}x{x.shape[1]}, "
              f"memory budget 3 x (image + matrix) = {budget_mb:.0f} MiB")
        print(f"environment: OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '')} "
              f"OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE', '')}")
        targets = {"iforest": 4.0, "knn": 2.0, "ocsvm": 10.0}
        for r in range(a.rounds):
            for det in a.detectors.split(","):
                before = load()
                ours = run_ours(a.cli, image_path, det, work / f"out-{det}-{r}")
                theirs = run_sklearn(det, matrix)
                after = load()
                ratio, cpu_ratio = theirs["wall"] / ours["wall"], theirs["cpu"] / ours["cpu"]
                print(f"\n[{det} round {r + 1}] load before: {before}\n  load after: {after}")
                print(f"  ours    {ours['wall']:8.2f} s wall {ours['cpu']:8.2f} s cpu  peak {ours['peak_mb']:.0f} MiB "
                      f"({ours['peak_mb'] / budget_mb:.2f} of budget)  figure {ours['figure_mb']:.2f} MB"
                      f"\n          defectscope-cli {ours['command']}")
                print(f"  sklearn {theirs['wall']:8.2f} s wall {theirs['cpu']:8.2f} s cpu  (fit + score only; "
                      f"blas {theirs['blas']})")
                print(f"  ratio sklearn/ours: wall {ratio:.2f}x, cpu {cpu_ratio:.2f}x  (target >= {targets[det]:g}x"
                      f"{', figure <= 10 MB' if det == 'iforest' else ''})")
                if det == "knn" and a.sklearn_knn_bank:
                    bank = run_sklearn("knn-bank", matrix)
                    print(f"  sklearn on a 4096-row bank: {bank['wall']:.2f} s wall {bank['cpu']:.2f} s cpu, "
                          f"ratio wall {bank['wall'] / ours['wall']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
