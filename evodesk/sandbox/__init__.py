"""A local Evolution API 2.3-compatible server for tests, benchmarks and first runs.

async with Sandbox(instances=2) as sb:
    ...  # point a client at sb.url with sb.api_key
"""

from evodesk.sandbox.server import Sandbox

__all__ = ["Sandbox"]
