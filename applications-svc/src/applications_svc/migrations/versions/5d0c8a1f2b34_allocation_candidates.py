"""allocation candidates: public numbers of teachers in the allocation records

The published allocation input and result name teachers by a random number per period instead
of their login subject. Existing applications get their numbers here; frozen allocations keep
the ids they were frozen with (their hash is published).

Revision ID: 5d0c8a1f2b34
Revises: 767191ce5ada
Create Date: 2026-11-22 02:00:00

"""
from datetime import datetime, timezone
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from applications_svc.allocation.candidates import new_candidate_number


# revision identifiers, used by Alembic.
revision: str = '5d0c8a1f2b34'
down_revision: Union[str, Sequence[str], None] = '767191ce5ada'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    candidate = op.create_table('allocation_candidate',
    sa.Column('period_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('teacher_id', sa.String(length=100), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['training_period.id'], name=op.f('fk_allocation_candidate_period_id_training_period')),
    sa.PrimaryKeyConstraint('period_id', 'teacher_id', name=op.f('pk_allocation_candidate')),
    sa.UniqueConstraint('period_id', 'number', name=op.f('uq_allocation_candidate_period_id_number'))
    )
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('applicants', sa.Integer(), nullable=True))
    existing = op.get_bind().execute(sa.text(
        "SELECT DISTINCT period_id, teacher_id FROM teacher_application")).all()
    moment = datetime.now(timezone.utc)
    numbers = set()
    rows = []
    for period_id, teacher_id in existing:
        number = new_candidate_number()
        while (period_id, number) in numbers:
            number = new_candidate_number()
        numbers.add((period_id, number))
        rows.append({"period_id": period_id, "teacher_id": teacher_id, "number": number, "created_at": moment})
    if rows:
        op.bulk_insert(candidate, rows)


def downgrade() -> None:
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.drop_column('applicants')
    op.drop_table('allocation_candidate')
