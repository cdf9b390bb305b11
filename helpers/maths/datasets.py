"""Small, seeded 2-D data sets, the same on every run and every machine."""

from __future__ import annotations

import numpy as np

from .validation import as_positive_int


def two_clusters(
    n_per_class: int = 20,
    *,
    centres: tuple[tuple[float, float], tuple[float, float]] = ((1.0, 1.0), (2.0, 2.0)),
    spread: float = 0.35,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian clusters: label 0 around ``centres[0]``, label 1 around ``centres[1]``.

    Returns ``X`` of shape (2 * n_per_class, 2) and ``y`` of shape (2 * n_per_class,).
    """
    n = as_positive_int(n_per_class, "n_per_class", allow_zero=False)
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(centre, spread, size=(n, 2)) for centre in centres])
    y = np.repeat([0.0, 1.0], n)
    return X, y


def separable_around_line(
    n_points: int = 40, *, w: tuple[float, float] = (1.0, 1.0), b: float = -3.0, margin: float = 0.3, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Points in [0, 3] x [0, 3], labelled by their side of ``w . x + b = 0``, none closer than ``margin``.

    With the defaults the boundary is the line x + y = 3 (curriculum W1).
    """
    n = as_positive_int(n_points, "n_points", allow_zero=False)
    rng = np.random.default_rng(seed)
    normal = np.asarray(w, dtype=np.float64)
    kept = np.empty((0, 2))
    while len(kept) < n:
        candidates = rng.uniform(0.0, 3.0, size=(4 * n, 2))
        distance = np.abs(candidates @ normal + b) / np.linalg.norm(normal)
        kept = np.vstack([kept, candidates[distance >= margin]])
    X = kept[:n]
    return X, (X @ normal + b > 0).astype(np.float64)


def weight_scaling_data() -> tuple[np.ndarray, np.ndarray]:
    """The data set of notebook 04: 40 points labelled by x + y = 3, at least 0.25 from the line (seeded)."""
    return separable_around_line(40, margin=0.25, seed=6)


def overlapping_clusters(n_per_class: int = 20, *, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Two clusters on either side of x + y = 3 that overlap: no line separates them (curriculum W8)."""
    return two_clusters(n_per_class, centres=((1.1, 1.1), (1.9, 1.9)), spread=0.55, seed=seed)


def fix_one_break_another() -> tuple[np.ndarray, np.ndarray, np.ndarray, float, int]:
    """A small data set, a line that gets exactly one point wrong, and that point.

    Returns ``(X, y, w, b, index)``.  Moving ``(w, b)`` along the perceptron
    rule's direction for point ``index`` breaks point 8 (at eta ~ 0.014) before
    it fixes point ``index`` (at eta ~ 0.05); the rule's full step (eta = 1)
    breaks four more.
    """
    X = np.array(
        [
            [0.5, 0.5],
            [1.0, 2.0],
            [2.0, 0.4],
            [0.9, 1.3],
            [2.8, 2.6],
            [2.4, 1.6],
            [1.7, 2.6],
            [2.6, 0.5],
            [2.2, 1.2],
        ]
    )
    y = np.array([0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0])
    w, b = np.array([1.0, 1.0]), -3.5
    return X, y, w, b, 7


def xor_data(n_per_corner: int = 1, *, noise: float = 0.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """XOR: label 1 at the corners (0, 1) and (1, 0), label 0 at (0, 0) and (1, 1).

    By default exactly the four points of the truth table (notebook 01): the hand-set network
    and every claim about XOR speak of these four inputs, and a network learns them in
    milliseconds. With ``n_per_corner > 1`` and ``noise > 0`` each corner becomes a small
    Gaussian cloud of that spread (seeded), for pictures and mini-batches.

    Returns ``X`` of shape (4 * n_per_corner, 2) and ``y`` of shape (4 * n_per_corner,).
    """
    n = as_positive_int(n_per_corner, "n_per_corner", allow_zero=False)
    if not 0.0 <= noise < np.inf:
        raise ValueError(f"noise must be a finite number, 0 or more, got {noise}")
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    rng = np.random.default_rng(seed)
    X = np.repeat(corners, n, axis=0) + noise * rng.standard_normal((4 * n, 2))
    y = np.repeat([0.0, 1.0, 1.0, 0.0], n)
    return X, y


def two_circles(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two rings around the origin: label 1 on the inner one (radius 0.5), label 0 on the outer (radius 1).

    No line separates them; a network with a hidden layer can. ``n`` points in all (half on each
    ring, the outer gets the odd one), at uniformly random angles, each moved by Gaussian noise
    of spread ``noise`` in both coordinates (seeded).

    Returns ``X`` of shape (n, 2) and ``y`` of shape (n,).
    """
    count = as_positive_int(n, "n", allow_zero=False)
    if not 0.0 <= noise < np.inf:
        raise ValueError(f"noise must be a finite number, 0 or more, got {noise}")
    rng = np.random.default_rng(seed)
    inner = count // 2
    radius = np.where(np.arange(count) < inner, 0.5, 1.0)
    angle = rng.uniform(0.0, 2.0 * np.pi, count)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)]) + noise * rng.standard_normal((count, 2))
    y = (np.arange(count) < inner).astype(np.float64)
    return X, y
