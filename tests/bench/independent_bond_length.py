#!/usr/bin/python3
"""Measure the bond length of the real graphene images without any DefectScope code.

Why: issue #5 asks for the lattice estimate within 3 % of the bond lengths printed in
shared/data/real/README.md (17.3, 17.9, ~36 px). DefectScope estimates 2.7-3.5 % more. This script is
the independent referee: numpy/scipy only, two unrelated methods.

  real space  atom columns = local maxima of the image smoothed at 1/6 bond, refined by an
              intensity-weighted centroid; bond = median distance to the three nearest columns
              (distances within 0.7-1.3 of the guess).
  Fourier     the six first-order spots of the honeycomb in a 4096-point zero-padded, Hann-windowed
              power spectrum; spacing d = N/|k| and bond = d / 1.5. Each spot pair is printed,
              so scan distortion (different bond per direction) is visible.

Also checks that the truth points live in the image's own pixel frame (so the README figures cannot
be explained by a rescaled coordinate set): each dopant truth point against the centroid of the
brightest blob near it, and the ring-centre truth points (from the published atom coordinates)
against the nearest hole of the smoothed image, with a least-squares scale along x.

Usage: /usr/bin/python3 tests/bench/independent_bond_length.py [DATA_DIR]   (default ../shared/data)
"""
import csv
import os
import sys

import numpy as np
from scipy import ndimage as ndi
from scipy.spatial import cKDTree

DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/data")
IMAGES = [("G-GrainBoundary-4nm", 17.3), ("G-Si-2nm", 17.9), ("G-dimSi", 36.0)]  # README figures = guesses


def centroid(g, x, y, r):
    w = g[y - r:y + r + 1, x - r:x + r + 1]
    w = w - w.min()
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
    return x + (w * xx).sum() / w.sum(), y + (w * yy).sum() / w.sum()


def real_space_bond(im, guess):
    g = ndi.gaussian_filter(im, guess / 6)
    peaks = np.argwhere((g == ndi.maximum_filter(g, size=int(guess * 0.6))) & (g > np.median(g)))
    r = int(guess / 4)
    pts = np.array([centroid(g, x, y, r) for y, x in peaks
                    if r <= y < im.shape[0] - r and r <= x < im.shape[1] - r])
    d, _ = cKDTree(pts).query(pts, k=4)
    nn = d[:, 1:4].ravel()
    nn = nn[(nn > 0.7 * guess) & (nn < 1.3 * guess)]
    return float(np.median(nn)), len(pts)


def fourier_bonds(im, guess, n=4096):
    win = np.hanning(im.shape[0])[:, None] * np.hanning(im.shape[1])[None, :]
    p = np.abs(np.fft.fftshift(np.fft.fft2((im - im.mean()) * win, s=(n, n)))) ** 2
    c = n // 2
    rr = np.hypot(*np.indices(p.shape) - c)
    k0 = n / (1.5 * guess)
    ring = np.where((rr > 0.8 * k0) & (rr < 1.2 * k0), p, 0)
    cand = np.argwhere((ring == ndi.maximum_filter(ring, size=9)) & (ring > 0))
    top = cand[np.argsort(ring[cand[:, 0], cand[:, 1]])[::-1][:6]]
    return sorted(n / np.hypot(top[:, 0] - c, top[:, 1] - c) / 1.5)


for name, readme in IMAGES:
    path = os.path.join(DATA, "real", name + ".npy")
    if not os.path.exists(path):
        print(f"SKIP {name}: {path} not found")
        continue
    im = np.load(path).astype(float)
    rs, atoms = real_space_bond(im, readme)
    fb = fourier_bonds(im, readme)
    print(f"{name}: README {readme:.1f} | real space {rs:.2f} ({atoms} columns) | Fourier "
          f"{np.median(fb):.2f} (spots {', '.join(f'{b:.2f}' for b in fb[::2])})")
    with open(os.path.join(DATA, "real", name + ".truth.csv")) as f:
        g = ndi.gaussian_filter(im, readme / 6)
        for row in csv.DictReader(f):
            if row["kind"] != "dopant":
                continue
            x, y, r = float(row["x"]), float(row["y"]), int(readme * 0.7)
            w = g[int(y) - r:int(y) + r + 1, int(x) - r:int(x) + r + 1]
            iy, ix = np.unravel_index(np.argmax(w), w.shape)
            cx, cy = centroid(g, int(x) - r + ix, int(y) - r + iy, int(readme / 4))
            print(f"  dopant truth ({x:.1f}, {y:.1f}) vs blob ({cx:.2f}, {cy:.2f})")
    with open(os.path.join(DATA, "real", name + ".truth.csv")) as f:
        rings = np.array([(float(r["x"]), float(r["y"])) for r in csv.DictReader(f) if r["kind"].startswith("ring")])
    if len(rings) >= 3:
        g = ndi.gaussian_filter(im, readme / 3)
        holes = np.argwhere(g == ndi.minimum_filter(g, size=int(readme * 0.6)))[:, ::-1] + 0.5
        d, i = cKDTree(holes).query(rings)
        near = d < readme / 3  # a few truth rings sit where the smoothed image has no separate hole
        scale = np.polyfit(holes[i[near], 0], rings[near, 0], 1)[0]
        print(f"  {near.sum()}/{len(rings)} ring truth points within {readme / 3:.0f} px of an image hole "
              f"(median {np.median(d[near]):.1f} px); x scale truth/image {scale:.4f}")
