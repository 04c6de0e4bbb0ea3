"""The import as a background job (registered at startup)."""
