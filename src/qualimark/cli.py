"""The `qualimark` command: Django's management commands, with operator-friendly names.

`qualimark demo-data --scale 2` runs the `demo_data` command: dashes are accepted for
underscores so that commands read like the rest of the shell.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qualimark.settings")
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    from qualimark.env import ConfigurationError

    try:
        execute_from_command_line(args)
    except ConfigurationError as error:
        # A setting read from the environment is missing or malformed: say which, and how
        # to fix it, without a traceback (settings are read before translations exist).
        sys.stderr.write(f"qualimark: {error}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
