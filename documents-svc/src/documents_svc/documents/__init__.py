"""Documents slice: the record folder's rendered documents (stored, listed, downloaded, verified
by their code) and who may read them."""
