"""Accounts: the caller's account (`/v1/me`), the realm roles, the dev issuer's account table and
the claims that keep one account per ΑΦΜ and per e-mail."""
