"""Webhooks: events from every door's changes, signed deliveries retried from a background job."""
