"""The maths of the series, in numpy only: neurons, rules, trainers, data and experiments."""
