"""Workspace views by sub-domain: the page, the header, stakeholders, fact rows, the checklist."""
