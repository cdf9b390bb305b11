"""Developer tools: execute notebooks, drive JupyterLab in Chromium, measure latency. Not for learners."""
