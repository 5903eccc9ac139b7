from __future__ import annotations

import sys

from viewer.cli import main

sys.exit(main())
