"""evodesk: a desktop console for Evolution API instances."""

__version__ = "0.1.0"
