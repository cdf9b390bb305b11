"""Figures for notebook 06's ten classes: the confusion matrix and the most confident mistakes."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import PowerNorm
from matplotlib.figure import Figure

from ..maths.digits import as_image
from .digits import INK_CMAP, _bare, a_digit, pixel_mesh
from .style import (
    VERMILION,
    new_figure,
)


def plot_confusion_matrix(matrix: np.ndarray) -> Figure:
    """Static figure: which digit was called which, counts written in; the diagonal holds the right answers."""
    figure, (ax,) = new_figure(6.4, 5.4)
    counts = np.asarray(matrix)
    shown = ax.imshow(counts, cmap="Blues", norm=PowerNorm(0.4, vmin=0, vmax=max(int(counts.max()), 1)))
    for (row, col), n in np.ndenumerate(counts):
        if n:
            on_diagonal = row == col
            ax.text(
                col,
                row,
                f"{n}",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if on_diagonal else VERMILION,
                fontweight="normal" if on_diagonal else "bold",
            )
    classes = range(counts.shape[0])
    ax.set_xticks(classes)
    ax.set_yticks(classes)
    ax.grid(False)
    ax.set_xlabel("digit predicted")
    ax.set_ylabel("true digit")
    ax.set_title(f"Test images: {np.trace(counts)} of {counts.sum()} on the diagonal")
    figure.colorbar(shown, ax=ax, fraction=0.046, pad=0.04, label="images")
    return figure


def plot_confident_mistakes(X: np.ndarray, labels: np.ndarray, scores: np.ndarray, indices: np.ndarray) -> Figure:
    """Static figure: the wrongly classified images whose winning neuron was most sure, with both answers."""
    chosen = np.asarray(indices, dtype=int)
    figure, axes = new_figure(1.6 * max(chosen.size, 1), 2.2, ncols=max(chosen.size, 1))
    for ax in axes:
        _bare(ax)
    for ax, index in zip(axes, chosen, strict=False):
        said = int(np.argmax(scores[index]))
        pixel_mesh(ax, as_image(X[index]), cmap=INK_CMAP, vmin=0.0, vmax=1.0)
        truth = a_digit(str(labels[index]))
        ax.set_title(f"{truth}, called {said}\n$a_{{{said}}} = {scores[index, said]:.3f}$", fontsize=10)
    return figure
