"""What the two public draws of the service share (the programme lottery and the teacher
allocation): the ``DrawProcedure`` state machine and its columns, the seed request and the
record and summary schemas, and the response that sends a record's documents as stored."""
