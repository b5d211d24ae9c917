"""Staff slice: the register of certified trainers (M1, a read model of resources-svc's
`resources.trainer.changed.v1`) and each programme's staff («συντελεστές»): its coordinator,
technical lead and trainers, assigned by the centre's head."""
