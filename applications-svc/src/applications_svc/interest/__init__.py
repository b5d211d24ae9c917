"""Interest slice: the expression of interest of the centres («Επιλογή/Κατανομή συστάδων»):
the two lists, the declarations, «Καταχώριση επιλογών» and «Οριστική υποβολή»."""
