"""Thin shared platform of the Epimorfosi services (no domain types here)."""
from .config import Settings
from .problems import Problem
from .service import Runtime, ServiceDefinition

__all__ = ["Problem", "Runtime", "ServiceDefinition", "Settings"]
