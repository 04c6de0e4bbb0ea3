"""DealPilot (商机领航): evidence-based qualification of B2B deals."""

__version__ = "0.1.0"
