"""Figures in matplotlib: one style, shared views, then one module per topic."""
