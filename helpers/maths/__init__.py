"""The maths of the series in numpy (and one scipy solver): neurons, rules, trainers, data and experiments.

Nothing here imports matplotlib or ipywidgets (an import contract in pyproject.toml checks it).
"""
