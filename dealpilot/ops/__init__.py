"""Running DealPilot as a service: the health endpoint, the worker's heartbeat, `make serve`."""
