"""Periods slice: training periods and the windows and settings of their call, the catalogue of
clusters and programme categories, the geographic distribution table, the audit log view."""
