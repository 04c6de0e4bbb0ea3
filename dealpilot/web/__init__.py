"""The Django project: settings, URLs, base templates and static files."""
