"""How a delivery is signed, and how a receiver checks it.

Headers of every delivery:
- `X-DealPilot-Event`: the event, e.g. `deal.won`
- `X-DealPilot-Delivery`: the delivery's id (the same on each retry: receivers can drop repeats)
- `X-DealPilot-Timestamp`: Unix seconds when this attempt was sent
- `X-DealPilot-Signature`: `sha256=` + hex HMAC-SHA256 with the webhook's secret over
  `<timestamp>.<body>` (the raw body bytes). Reject old timestamps to refuse replays.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-DealPilot-Signature"
TIMESTAMP_HEADER = "X-DealPilot-Timestamp"
EVENT_HEADER = "X-DealPilot-Event"
DELIVERY_HEADER = "X-DealPilot-Delivery"


def signature(secret: str, timestamp: int | str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, given: str) -> bool:
    """What a receiver does (in any language: HMAC-SHA256, constant-time compare)."""
    return hmac.compare_digest(signature(secret, timestamp, body), given or "")
