"""Backup and restore of the whole database as one archive (`dealpilot backup` / `restore`).

An archive is a ZIP file: `manifest.json` (format, when, which database, the migrations applied,
each table with its columns and row count) and one `tables/<table>.jsonl` per table, a JSON array
per row in primary-key order. It holds every table of every installed app (users, teams,
playbooks, deals, history, snapshots, models, jobs, audit …), read in one transaction so it is
consistent while the app keeps running. See docs/backup.md.
"""
