"""Live dashboards in ipywidgets: the pattern, one module per topic, and the registry."""
