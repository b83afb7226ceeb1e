"""The end of a project: it is delivered, its promise is settled and the client is told."""
