"""the mail outbox: e-mails kept in the transaction that wrote them and retried until sent

Revision ID: 7c2f4b9e1a06
Revises: bc7ae0a8bb56
Create Date: 2026-12-05 07:50:00.000000

"""
from typing import Sequence, Union

from epimorfosi_platform.migrations import create_mail_outbox, drop_mail_outbox


# revision identifiers, used by Alembic.
revision: str = '7c2f4b9e1a06'
down_revision: Union[str, Sequence[str], None] = 'bc7ae0a8bb56'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    create_mail_outbox()


def downgrade() -> None:
    drop_mail_outbox()
