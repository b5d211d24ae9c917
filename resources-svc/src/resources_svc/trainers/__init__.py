"""The register of certified trainers (M1, «Μητρώο πιστοποιημένων επιμορφωτών»), kept by central
administrators: CSV import (upsert by ΑΦΜ), list, edit, deactivate; `resources.trainer.changed.v1`."""
