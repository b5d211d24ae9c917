"""Rooms slice: a centre's rooms and labs ("Διαχείριση πόρων ΚΣΕ → Αίθουσες")."""
