"""The work itself: clients, projects and work items, and progress events from other tools."""
