"""casecourse: read clinical narratives into a computable clinical course."""
__version__ = "0.1.0"
