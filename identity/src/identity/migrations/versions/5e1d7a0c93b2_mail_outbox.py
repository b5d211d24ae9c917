"""the mail outbox: e-mails kept in the transaction that wrote them and retried until sent

Revision ID: 5e1d7a0c93b2
Revises: a40cf7d24a4e
Create Date: 2026-12-05 07:50:00.000000

"""
from typing import Sequence, Union

from epimorfosi_platform.migrations import create_mail_outbox, drop_mail_outbox


# revision identifiers, used by Alembic.
revision: str = '5e1d7a0c93b2'
down_revision: Union[str, Sequence[str], None] = 'a40cf7d24a4e'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    create_mail_outbox()


def downgrade() -> None:
    drop_mail_outbox()
