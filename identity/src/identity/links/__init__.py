"""Single-use links sent by e-mail (activation, password reset): issued, checked and used up."""
