"""The maths of the series, in numpy only: neurons, rules, trainers, data and experiments.

Nothing here imports matplotlib or ipywidgets (an import contract in pyproject.toml checks it).
"""
