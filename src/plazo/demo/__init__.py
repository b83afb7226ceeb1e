"""The demo portfolio: a small studio with Spanish and English clients, one project at risk."""

from plazo.demo.load import DEMO_SLUG, DEMO_USERNAME, DemoLoaded, load_demo

__all__ = ["DEMO_SLUG", "DEMO_USERNAME", "DemoLoaded", "load_demo"]
