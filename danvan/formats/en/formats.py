# Every locale shares the portal's formats (danvan/formats/portal.py).
from danvan.formats.portal import *  # noqa: F403
