"""Report renderers: one module per format, each a pure ``render(report) -> str``."""
