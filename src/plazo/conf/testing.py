"""Settings for the test suite: plazo's settings with a throw-away ``PLAZO_HOME``.

pytest-django reads the settings before any conftest runs, so the temporary home is chosen here.
``DATABASE_URL`` is still honoured, which is how CI runs the database tests on PostgreSQL.
"""

import atexit
import os
import shutil
import tempfile

os.environ["PLAZO_HOME"] = tempfile.mkdtemp(prefix="plazo-test-home-")
atexit.register(shutil.rmtree, os.environ["PLAZO_HOME"], ignore_errors=True)
os.environ.pop("SECRET_KEY", None)
os.environ.pop("EMAIL_URL", None)

from plazo.conf.settings import *  # noqa: E402, F403

PLAZO_WEBHOOK_ALLOW_PRIVATE = True  # the test receivers listen on loopback
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
