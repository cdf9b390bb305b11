"""Show the code that matters, straight from the helpers, instead of copying it."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from IPython.display import Markdown


def show_source(obj: Callable | type) -> Markdown:
    """The source of a helper function or class as a highlighted code block.

    The notebook shows the very code it runs, so the two can never drift apart.
    """
    return Markdown(f"```python\n{inspect.getsource(obj).rstrip()}\n```")
