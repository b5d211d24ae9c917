"""Lists slice: the list forms (K2–K6, M1) printed on demand («Εκτύπωση σε PDF») from the rows the
owning service gave the web client; each printed list is a document of the record folder."""
