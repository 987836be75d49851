"""REST access to Evolution API servers."""

from evodesk.infra.evolution.client import EvolutionClient

__all__ = ["EvolutionClient"]
