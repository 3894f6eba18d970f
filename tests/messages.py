"""Whole-message checks: an error's message must equal the expected text, not just start
with it (a prefix match once hid a message that printed `{k}` unformatted)."""

from __future__ import annotations

import re

import pytest


def raises(exc: type[BaseException], message: str):
    """pytest.raises(exc) whose message must be exactly `message`."""
    return pytest.raises(exc, match="^" + re.escape(message) + "$")


def raises_like(exc: type[BaseException], pattern: str):
    """pytest.raises(exc) whose whole message must match the regex `pattern`."""
    return pytest.raises(exc, match="^" + pattern + "$")
