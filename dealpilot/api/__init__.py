"""The JSON API (/api/v1/): tokens, the same doors as the pages, signed webhooks."""
