"""When something fails for good (a check-in, a client message): record it and alert the owner."""
