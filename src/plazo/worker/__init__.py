"""Background work: the tasks ``plazo worker`` runs, on django-tasks' database backend."""
