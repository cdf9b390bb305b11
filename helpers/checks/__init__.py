"""Exercise checkers: feedback, shared answer parsing, then one module per topic."""
