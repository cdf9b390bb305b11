"""Weight scaling: the same line at every scale, and what training does after it finds the line.

Multiplying ``(w, b)`` by ``c > 0`` keeps the line ``w . x + b = 0`` and the side
that fires, but multiplies every ``z`` by ``c``: the sigmoid gets steeper.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .training import TrainingHistory, train_sigmoid_neuron_fast
from .validation import as_dataset, as_float_array, as_scalar, as_weights


def max_margin_direction(X: Any, y: Any) -> np.ndarray:
    """Unit vector of the maximum-margin separator of ``(w, b)`` together.

    The bias is treated as the weight of a constant input 1, so this is the
    hard-margin SVM without a separate bias on the points ``(x, 1)``: the
    direction that gradient descent on the cross-entropy tends to when it trains
    the bias like a weight (Soudry et al., 2018).
    It solves ``min |theta|`` subject to ``s_i theta . (x_i, 1) >= 1`` exactly, as a
    least-distance problem through non-negative least squares (Lawson and Hanson,
    *Solving Least Squares Problems*, 1974, chapter 23), which also proves when no
    separator exists.

    This penalises ``b`` like a weight, so it is not in general the *geometric*
    max-margin line (the line farthest from the nearest points, with ``b`` free):
    the penalty can pull the line towards the origin.  On notebook 04's data the two
    are the same line, with margin 0.2944 (a test checks it against a search over
    every direction).

    Returns
    -------
    ndarray, shape (n + 1,)
        ``(w_1, ..., w_n, b)`` scaled to length 1.

    Raises
    ------
    ValueError
        If no separator exists (the data are not linearly separable), at once.
    """
    # scipy is imported here, not at the top: only notebook 04 needs it, and it takes a second to load.
    from scipy.optimize import nnls

    data, labels = as_dataset(X, y)
    signed = np.column_stack([data, np.ones(len(labels))]) * (2.0 * labels - 1.0)[:, None]
    # Least distance: min |theta| with G theta >= h, G = signed points, h = 1. With E = [G^T; h^T] and
    # f = (0, ..., 0, 1), the residual r = E u - f of the non-negative least squares solution u gives
    # theta = -r[:-1] / r[-1]; r = 0 means the constraints cannot all hold.
    E = np.vstack([signed.T, np.ones(len(labels))])
    f = np.zeros(len(E))
    f[-1] = 1.0
    u, _ = nnls(E, f, maxiter=50 * len(E) * max(len(labels), 1))
    r = E @ u - f
    scale = max(1.0, float(np.abs(signed).max()))
    if abs(r[-1]) <= 1e-12 * scale:
        raise ValueError("the data are not linearly separable: there is no maximum-margin separator")
    theta = -r[:-1] / r[-1]
    if not np.isfinite(theta).all() or np.min(signed @ theta) < 1.0 - 1e-6:
        raise ValueError("the data are not linearly separable: there is no maximum-margin separator")
    return theta / np.linalg.norm(theta)


def angle_between(u: Any, v: Any) -> np.ndarray:
    """Angle in degrees between vectors ``u`` and ``v`` (rows of ``u`` may be many vectors).

    The angle to a zero vector is undefined: NaN, without a warning.
    """
    a, b = np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64)
    lengths = np.linalg.norm(a, axis=-1) * np.linalg.norm(b)
    with np.errstate(invalid="ignore", divide="ignore"):
        cosine = np.where(lengths > 0, (a @ b) / lengths, np.nan)
    return np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))


def signed_distance(X: Any, w: Any, b: Any) -> np.ndarray:
    """Distance of each point from the line ``w . x + b = 0``, positive on the side ``w`` points to."""
    weights = as_weights(w)
    norm = np.linalg.norm(weights)
    if norm == 0:
        raise ValueError("w = 0 has no line, so distances to it are not defined")
    return (as_float_array(X, "X") @ weights + as_scalar(b, "b")) / norm


def geometric_margin(X: Any, y: Any, w: Any, b: Any) -> float:
    """The distance from the line ``w . x + b = 0`` to the nearest point, negative if some point is on the wrong side.

    That is the smallest ``(2y - 1) (w . x + b) / |w|`` over the examples.
    """
    data, labels = as_dataset(X, y)
    return float(np.min((2.0 * labels - 1.0) * signed_distance(data, w, b)))


def same_line(first: Any, second: Any, tolerance: float = 1e-9) -> str:
    """Compare two lines given as ``(w1, w2, b)``: "same", "same, sides swapped" or "different"."""
    u, v = as_float_array(first, "first"), as_float_array(second, "second")
    if u.shape != (3,) or v.shape != (3,):
        raise ValueError(f"give each line as (w1, w2, b), got shapes {u.shape} and {v.shape}")
    if not u[:2].any() or not v[:2].any():
        return "different"
    cosine = float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)))
    if cosine > 1 - tolerance:
        return "same"
    if cosine < -1 + tolerance:
        return "same, sides swapped"
    return "different"


TABLE_EPOCHS = (0, 10, 25, 50, 100, 1_000, 10_000, 100_000)


def training_table(history: TrainingHistory, epochs: tuple[int, ...] = TABLE_EPOCHS) -> str:
    """A plain-text table of epoch, w1, w2, b, |w|, w1/b, loss and accuracy at the given epochs."""
    header = f"{'epoch':>7}  {'w1':>8}  {'w2':>8}  {'b':>9}  {'|w|':>7}  {'w1/b':>8}  {'loss':>9}  {'accuracy':>8}"
    rows = [header, "-" * len(header)]
    for epoch in epochs:
        if epoch > history.epochs:
            raise ValueError(f"epoch {epoch} was not trained (the history has {history.epochs} epochs)")
        w1, w2 = history.w[epoch]
        b = history.b[epoch]
        ratio = f"{w1 / b:8.4f}" if b != 0 else f"{'-':>8}"
        rows.append(
            f"{epoch:>7,}  {w1:8.3f}  {w2:8.3f}  {b:9.3f}  {np.hypot(w1, w2):7.3f}  {ratio}  "
            f"{history.loss[epoch]:9.2e}  {history.accuracy[epoch]:8.1%}"
        )
    return "\n".join(rows)


def log_checkpoints(last_epoch: int, per_decade: int = 10, *, also: Iterable[int] = ()) -> tuple[int, ...]:
    """Epochs 0, 1, 2, ... spaced evenly on a log scale up to ``last_epoch``, and the epochs ``also`` names
    (for an epoch slider that must stop where the text points)."""
    points = np.unique(np.round(np.logspace(0, np.log10(last_epoch), per_decade * int(np.log10(last_epoch)) + 1)))
    return tuple(sorted({0, *(int(p) for p in points), *(int(epoch) for epoch in also if 0 <= epoch <= last_epoch)}))


def angle_to_direction(history: TrainingHistory, direction: Any) -> np.ndarray:
    """Angle in degrees between ``(w, b)`` after each epoch and a given direction of ``(w, b)``."""
    return angle_between(np.column_stack([history.w, history.b]), as_float_array(direction, "direction"))


def norm_growth(history: TrainingHistory, epochs: tuple[int, ...]) -> np.ndarray:
    """How much ``|w|`` grows between consecutive epochs of ``epochs``, e.g. over each tenfold (100, 1000, ...)."""
    norms = history.weight_norm()
    if any(epoch > history.epochs for epoch in epochs):
        raise ValueError(f"every epoch must be at most {history.epochs}, got {epochs}")
    return np.diff(norms[list(epochs)])


DECAYS = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2)


def train_with_decays(
    X: Any, y: Any, decays: tuple[float, ...] = DECAYS, *, epochs: int = 20_000, lr: float = 1.0
) -> dict[float, TrainingHistory]:
    """One training run from ``w = 0, b = 0`` for each L2 weight-decay strength, by strength (0 must be among them)."""
    if 0.0 not in decays:
        raise ValueError(f"the decays must include 0 (the run to compare with), got {decays}")
    return {decay: train_sigmoid_neuron_fast(X, y, epochs=epochs, lr=lr, weight_decay=decay) for decay in decays}


def weight_decay_table(histories: dict[float, TrainingHistory]) -> str:
    """A plain-text table: for each decay, |w| half-way and at the end, its growth over the second half,
    how far the final line has turned from the line without decay, and the accuracy."""
    free = histories[0.0]
    half = free.epochs // 2
    header = (
        f"{'lambda':>7}  {'|w| at ' + format(half, ','):>14}  {'|w| at ' + format(free.epochs, ','):>14}  "
        f"{'growth':>7}  {'turned':>7}  {'accuracy':>8}"
    )
    rows = [header, "-" * len(header)]
    for decay, history in histories.items():
        norms = history.weight_norm()
        growth = norms[-1] / norms[half] - 1
        turned = float(angle_between(history.w[-1], free.w[-1]))
        norms_text = f"{norms[half]:14.3f}  {norms[-1]:14.3f}"
        rows.append(f"{decay:>7g}  {norms_text}  {growth:7.2%}  {turned:6.2f}°  {history.accuracy[-1]:8.0%}")
    return "\n".join(rows)
