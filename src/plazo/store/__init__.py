"""Storage: the Django models, migrations, admin and use-case services of plazo."""
