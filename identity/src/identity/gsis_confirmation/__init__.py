"""The one-time GSIS confirmation of an existing account: its record side by side with the one
GSIS certifies, then «Πιστοποίηση και είσοδος» takes GSIS's."""
