"""What every trainer records: the parameters after each epoch."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ParameterHistory:
    """Weights and bias after every epoch; entry 0 is the start.

    Attributes
    ----------
    w : ndarray, shape (epochs + 1, n)
    b : ndarray, shape (epochs + 1,)
    """

    w: np.ndarray
    b: np.ndarray

    @property
    def epochs(self) -> int:
        """How many epochs were run."""
        return len(self.b) - 1

    @staticmethod
    def first_epoch_where(condition: np.ndarray) -> int | None:
        """The first epoch at which ``condition`` (one boolean per epoch) holds, or None."""
        hits = np.flatnonzero(condition)
        return int(hits[0]) if hits.size else None
