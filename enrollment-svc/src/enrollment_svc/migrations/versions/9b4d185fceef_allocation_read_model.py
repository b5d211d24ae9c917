"""allocation read model

Revision ID: 9b4d185fceef
Revises: a54bd87f5109
Create Date: 2026-11-24 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '9b4d185fceef'
down_revision: Union[str, Sequence[str], None] = 'a54bd87f5109'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: the allocation read model (applications.allocation.published.v1): the guard
    row per programme, its candidates, and the programme's to_be_implemented / allocation_phase."""
    op.create_table('programme_allocation',
    sa.Column('programme_code', sa.String(length=120), nullable=False),
    sa.Column('phase', sa.String(length=1), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('to_be_implemented', sa.Boolean(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_event_id', sa.String(length=36), nullable=True),
    sa.CheckConstraint("phase IN ('A', 'B')", name=op.f('ck_programme_allocation_phase')),
    sa.CheckConstraint(
        "phase IS NULL OR (published_at IS NOT NULL AND to_be_implemented IS NOT NULL"
        " AND received_at IS NOT NULL AND last_event_id IS NOT NULL)",
        name=op.f('ck_programme_allocation_allocated'),
    ),
    sa.PrimaryKeyConstraint('programme_code', name=op.f('pk_programme_allocation'))
    )
    op.create_table('programme_candidate',
    sa.Column('programme_code', sa.String(length=120), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('position', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('teacher_id', sa.String(length=100), nullable=False),
    sa.Column('phase', sa.String(length=1), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_event_id', sa.String(length=36), nullable=False),
    sa.CheckConstraint("status IN ('successful', 'waitlisted')", name=op.f('ck_programme_candidate_status')),
    sa.CheckConstraint('position >= 1', name=op.f('ck_programme_candidate_position')),
    sa.CheckConstraint("phase IN ('A', 'B')", name=op.f('ck_programme_candidate_phase')),
    sa.PrimaryKeyConstraint('programme_code', 'status', 'position', name=op.f('pk_programme_candidate'))
    )
    with op.batch_alter_table('programme_candidate', schema=None) as batch_op:
        batch_op.create_index('ix_programme_candidate_teacher_id', ['teacher_id'], unique=False)

    # Nullable: None until the programme's first allocation is applied.
    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('to_be_implemented', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('allocation_phase', sa.String(length=1), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.drop_column('allocation_phase')
        batch_op.drop_column('to_be_implemented')

    with op.batch_alter_table('programme_candidate', schema=None) as batch_op:
        batch_op.drop_index('ix_programme_candidate_teacher_id')

    op.drop_table('programme_candidate')
    op.drop_table('programme_allocation')
