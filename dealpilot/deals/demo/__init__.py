"""Demo company: teams, logins and a realistic bilingual pipeline, deterministic and fast."""

from dealpilot.deals.demo.build import DEMO_PASSWORD, build_demo, demo_logins, has_data, reset_data

__all__ = ["DEMO_PASSWORD", "build_demo", "demo_logins", "has_data", "reset_data"]
