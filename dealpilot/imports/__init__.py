"""Bringing a team's deals in from CSV and Excel files: reading, mapping, checking, writing, undo."""
