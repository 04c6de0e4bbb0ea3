from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "dealpilot.web"
    label = "web"
    verbose_name = _("Web pages")

    def ready(self) -> None:
        # Import the pages' template environment (and the engine it names) once, while the app
        # starts in one thread. The development server's reloader builds the template engines in
        # a second thread at the same moment as the system checks do, and two threads importing
        # the engine's modules at once can see a half-imported package.
        from dealpilot.web import jinja  # noqa: F401
