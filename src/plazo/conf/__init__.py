"""Configuration: the environment read once at start-up into a :class:`Config`."""

from plazo.conf.config import Config, load_config
from plazo.conf.errors import ConfigError

__all__ = ["Config", "ConfigError", "load_config"]
