"""Settings every test process shares."""

import os

# The review's Django settings sign sessions with this key in tests: without it, they
# would create the default warehouse's key file in the repository's var/ folder.
os.environ.setdefault("TOTEUMA_SECRET_KEY", "tests-only-" + "x" * 40)
