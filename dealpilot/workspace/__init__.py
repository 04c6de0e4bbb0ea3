"""The deal workspace: one page per deal, every fact edited in place, the verdict always current."""
