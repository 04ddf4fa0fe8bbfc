"""`python -m stage_diagnostic`: the same as the `stage-diagnostic` command.

Installed with the mentoring-stages plugin, the command compiles the shipped content into the
model it uses; running the entry point it installed finds that model the same way. The engine on
its own has only its own command, which is given a --model.
"""

import sys
from importlib.metadata import entry_points

from .cli import main

installed = entry_points(group="console_scripts", name="stage-diagnostic")
command = next(iter(installed)).load() if installed else main
sys.exit(command())
