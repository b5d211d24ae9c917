"""The GSIS (Taxisnet) round trip every GSIS use case starts with: a flow started here, the person
sent to GSIS, the certified record kept when GSIS sends them back (`/v1/gsis/callback`), and the
screen that follows, per purpose (registration, confirmation, recovery)."""
