"""Programmes slice: the read model of the programmes given to centres by the lottery, their
allocations (successful and waitlisted candidates), and who may see them."""
