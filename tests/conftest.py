"""Make tests/lab_session.py importable by the browser tests and the benchmark."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
