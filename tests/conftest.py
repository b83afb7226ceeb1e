"""Test-wide set-up: every run gets its own throw-away PLAZO_HOME before settings are read."""

import os
import tempfile

os.environ.setdefault("PLAZO_HOME", tempfile.mkdtemp(prefix="plazo-test-home-"))
