"""Entry point of the bundled executable: the same ``headcount`` command as pip installs."""

import sys

from headcount.cli import main

if __name__ == "__main__":
    sys.exit(main())
