"""storyline: many news reports of the same events in, one verified briefing per story out."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
