"""Deal views, one module per page family; each starts with the access helper."""
