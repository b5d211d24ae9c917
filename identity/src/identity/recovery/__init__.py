"""Recovery: «Ξέχασα τον κωδικό πρόσβασης» and «Ξέχασα το Email Μητρώου» through GSIS, and
«Ανάκτηση Κωδικών» by ΑΦΜ or Α.Μ. with a reset link by e-mail."""
