"""Registration through GSIS: the account made from the certified record plus what the person
completes, activated by an e-mail link."""
