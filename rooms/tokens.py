"""Room ids and secret tokens.

Every id and token comes from :mod:`secrets` (the operating system's CSPRNG)
with at least 128 bits of randomness, URL-safe base64, behind a one-letter
prefix that says what it is (``r`` room, ``f`` facilitator, ``p`` participant).
The prefix keeps them from ever starting with ``-`` (they are passed on command
lines, where ``-x...`` would read as an option) without discarding any draws,
and lets a message say "that is a participant's token" instead of just "wrong".

Tokens are stored only as SHA-256 hashes. A fast hash is enough (no salt, no
key stretching): stretching protects guessable secrets such as passwords, while
a 256-bit random token cannot be guessed from its hash. Comparisons use
:func:`hmac.compare_digest`, whose time does not depend on where the inputs differ.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets

#: Random bytes behind each kind (16 bytes = 128 bits for the room id, which is
#: shared with every invitee; 32 bytes = 256 bits for the secret tokens).
ROOM_BYTES = 16
TOKEN_BYTES = 32
ROOM_PREFIX, FACILITATOR_PREFIX, PARTICIPANT_PREFIX = "r", "f", "p"

_B64 = "[A-Za-z0-9_-]"
#: token_urlsafe(n) gives ceil(4n/3) characters without padding.
ROOM_ID = re.compile(rf"^{ROOM_PREFIX}{_B64}{{22}}$")
TOKEN = re.compile(rf"^[{FACILITATOR_PREFIX}{PARTICIPANT_PREFIX}]{_B64}{{43}}$")


def new_room_id() -> str:
    return ROOM_PREFIX + secrets.token_urlsafe(ROOM_BYTES)


def new_facilitator_token() -> str:
    return FACILITATOR_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def new_participant_token() -> str:
    return PARTICIPANT_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def is_room_id(text: str) -> bool:
    return bool(ROOM_ID.match(text or ""))


def is_token(text: str) -> bool:
    return bool(TOKEN.match(text or ""))


def kind(token: str) -> str | None:
    """'facilitator', 'participant', or None for text that is no token at all."""
    if not is_token(token):
        return None
    return "facilitator" if token[0] == FACILITATOR_PREFIX else "participant"


def token_hash(token: str) -> str:
    """Hex SHA-256 of the token: what the database stores."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def matches(token: str | None, stored_hash: str | None) -> bool:
    """Whether ``token`` hashes to ``stored_hash``, compared in constant time."""
    if not token or not stored_hash:
        return False
    return hmac.compare_digest(token_hash(token).encode("ascii"), stored_hash.encode("ascii"))
