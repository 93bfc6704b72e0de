"""Views of the strategy app, one module per area; the URL modules import them directly."""
