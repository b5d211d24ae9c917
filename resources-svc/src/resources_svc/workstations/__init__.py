"""Workstations slice: the workstations of a centre's rooms, with their technical characteristics
and certification (the lists behind the counts of «Διαχείριση πόρων ΚΣΕ → Αίθουσες»)."""
