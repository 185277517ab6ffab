#!/usr/bin/env python3
"""What a notebook does with an export: export-patches turns labelled micrographs into
defect_patches.npy / perfect_patches.npy, and numpy + scikit-learn load and use them with nothing
from DefectScope. Usage: dataset_numpy_check.py DEFECTSCOPE_CLI [TESTDATA_DIR].
1. A synthetic demo micrograph (always): dtype, shape, counts against dataset.json and patches.csv.
2. The shared real Si images (when TESTDATA_DIR / $DEFECTSCOPE_TESTDATA exists): the report's
   IsolationForest on raw pixels, fitted per image without labels (grouped by patches.csv's image
   column), must find the dopants as shared/data/real/README.md's scikit-learn reference does
   (0.992 and 0.978 there, measured on patches normalised and resampled the same way).
Exit 77 (ctest SKIP_RETURN_CODE) when numpy or scikit-learn is missing (Debian: python3-sklearn)."""
import csv
import json
import os
import subprocess
import sys
import tempfile

SKIP = 77

try:
    import numpy as np
    from sklearn.ensemble import IsolationForest
    from sklearn.metrics import roc_auc_score
except ImportError as e:
    print(f"skipped: {e} (install python3-numpy and python3-sklearn)")
    sys.exit(SKIP)


def run(*args):
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr}")


def load(out):
    """The stacks, dataset.json and patches.csv of an export, checked against each other."""
    defect = np.load(os.path.join(out, "defect_patches.npy"))
    perfect = np.load(os.path.join(out, "perfect_patches.npy"))
    with open(os.path.join(out, "dataset.json")) as f:
        meta = json.load(f)
    with open(os.path.join(out, "patches.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    side = meta["patches"]["resample_px"]
    for name, stack in (("defect", defect), ("perfect", perfect)):
        assert stack.dtype == np.float32, f"{name}: dtype {stack.dtype}"
        assert stack.ndim == 3 and stack.shape[1:] == (side, side), f"{name}: shape {stack.shape}"
        assert stack.shape[0] == meta["counts"][name], f"{name}: {stack.shape[0]} vs {meta['counts'][name]}"
        listed = [r for r in rows if r["stack"] == name]
        assert len(listed) == stack.shape[0], f"{name}: {len(listed)} csv rows for {stack.shape[0]} patches"
        assert [int(r["stack_index"]) for r in listed] == list(range(stack.shape[0]))
        assert all(r["label"] == name for r in listed)
        assert np.isfinite(stack).all(), f"{name}: non-finite values"
    assert defect.shape[0] > 0 and perfect.shape[0] > 0
    x = np.concatenate([defect, perfect]).reshape(-1, side * side)
    y = np.array([r["stack"] == "defect" for r in rows])
    image = np.array([r["image"] for r in rows])
    return x, y, image


def main() -> int:
    cli = sys.argv[1]
    data = os.environ.get("DEFECTSCOPE_TESTDATA") or (sys.argv[2] if len(sys.argv) > 2 else "")
    with tempfile.TemporaryDirectory() as tmp:
        demo = os.path.join(tmp, "demo")
        run(cli, "demo", "--out", demo, "--size", "512", "--detector", "iforest", "--features", "stats")
        # demo writes truth.csv; export-patches looks for NAME.truth.csv beside NAME.tif
        os.rename(os.path.join(demo, "truth.csv"), os.path.join(demo, "micrograph.truth.csv"))
        out = os.path.join(tmp, "synthetic")
        run(cli, "export-patches", os.path.join(demo, "micrograph.tif"), "--out", out)
        x, y, _ = load(out)
        print(f"synthetic: {y.sum()} defect + {(~y).sum()} perfect patches loaded with numpy")

        real = os.path.join(data, "real") if data else ""
        if not real or not os.path.isdir(real):
            print(f"real images not found (DEFECTSCOPE_TESTDATA={data!r}): IsolationForest part not run")
            return 0
        # The protocol's patch sides (README table), one export per image as a notebook user would.
        for name, patch, reference in (("G-Si-2nm", 72, 0.992), ("G-dimSi", 144, 0.978)):
            out = os.path.join(tmp, name)
            run(cli, "export-patches", os.path.join(real, name + ".npy"), "--patch", str(patch), "--out", out)
            x, y, image = load(out)
            assert len(set(image)) == 1
            aurocs = [roc_auc_score(y, -IsolationForest(random_state=seed).fit(x).score_samples(x))
                      for seed in range(5)]
            mean = float(np.mean(aurocs))
            print(f"{name}: {len(x)} patches ({y.sum()} defect); IsolationForest self AUROC over 5 seeds "
                  f"{mean:.3f} (min {min(aurocs):.3f}; README reference {reference})")
            assert mean > 0.9, f"{name}: AUROC {mean:.3f}, far below the reference {reference}"
    return 0


if __name__ == "__main__":
    sys.exit(main())
