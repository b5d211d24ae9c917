"""Centres slice: the register of training-support centres (ΚΣΕ)."""
