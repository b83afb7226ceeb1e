"""Dashboard views, one module per page; each parses input, calls one service and renders."""
