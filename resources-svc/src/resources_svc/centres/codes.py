"""Codes of the KSE register, e.g. "KSE-0001" (pure)."""
import re

CENTRE_CODE = re.compile(r"^KSE-[0-9]{4}$")
