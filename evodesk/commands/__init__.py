"""The headless commands of `evodesk`, one module per group."""
