"""Show the code that matters, straight from the helpers, instead of copying it."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from IPython.display import Markdown


def show_source(*objects: Callable | type) -> Markdown:
    """The source of one or more helper functions or classes as one highlighted code block.

    The notebook shows the very code it runs, so the two can never drift apart.
    """
    if not objects:
        raise ValueError("show_source needs at least one function or class")
    code = "\n\n\n".join(inspect.getsource(obj).rstrip() for obj in objects)
    return Markdown(f"```python\n{code}\n```")
