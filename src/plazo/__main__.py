"""``python -m plazo`` runs the ``plazo`` command."""

import sys

from plazo.cli import main

sys.exit(main())
