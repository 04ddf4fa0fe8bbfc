"""`python -m stage_diagnostic`: the same as the `stage-diagnostic` command."""

import sys

from .cli import main

sys.exit(main())
