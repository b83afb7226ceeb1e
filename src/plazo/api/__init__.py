"""plazo's REST API (django-ninja): ``plazo.api.api.api`` is mounted at ``/api/``."""
