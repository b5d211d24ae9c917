"""enrolment entries replace the candidate read model

Revision ID: 0979d057840f
Revises: 9b4d185fceef
Create Date: 2026-12-04 15:20:04.043785

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0979d057840f'
down_revision: Union[str, Sequence[str], None] = '9b4d185fceef'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: the enrolment slice (entries with state and history, the programme's seat
    count, withdrawal declarations). The allocation's candidate rows become entries (state = the list
    they were on) and their table goes: entries are merged by later allocations, never replaced."""
    op.create_table('enrolment_programme',
    sa.Column('programme_code', sa.String(length=120), nullable=False),
    sa.Column('period_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('centre_code', sa.String(length=20), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('to_be_implemented', sa.Boolean(), nullable=False),
    sa.Column('enrolled', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('enrolled >= 0 AND enrolled <= capacity', name=op.f('ck_enrolment_programme_enrolled_within_capacity')),
    sa.PrimaryKeyConstraint('programme_code', name=op.f('pk_enrolment_programme'))
    )
    op.create_table('enrolment_entry',
    sa.Column('programme_code', sa.String(length=120), nullable=False),
    sa.Column('teacher_id', sa.String(length=100), nullable=False),
    sa.Column('period_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('allocated_as', sa.String(length=12), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('phase', sa.String(length=1), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('touched', sa.Boolean(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_event_id', sa.String(length=36), nullable=False),
    sa.CheckConstraint("allocated_as IN ('successful', 'waitlisted')", name=op.f('ck_enrolment_entry_allocated_as')),
    sa.CheckConstraint("phase IN ('A', 'B')", name=op.f('ck_enrolment_entry_phase')),
    sa.CheckConstraint("state IN ('successful', 'waitlisted', 'offered', 'promoted', 'enrolled', 'withdrawn', 'declined', 'cancelled')", name=op.f('ck_enrolment_entry_state')),
    sa.CheckConstraint('position >= 1', name=op.f('ck_enrolment_entry_position')),
    sa.ForeignKeyConstraint(['programme_code'], ['enrolment_programme.programme_code'], name=op.f('fk_enrolment_entry_programme_code_enrolment_programme')),
    sa.PrimaryKeyConstraint('programme_code', 'teacher_id', name=op.f('pk_enrolment_entry'))
    )
    with op.batch_alter_table('enrolment_entry', schema=None) as batch_op:
        batch_op.create_index('ix_enrolment_entry_teacher_id', ['teacher_id'], unique=False)
        batch_op.create_index('uq_enrolment_entry_enrolled_once_per_period', ['period_id', 'teacher_id'], unique=True, postgresql_where=sa.text("state = 'enrolled'"), sqlite_where=sa.text("state = 'enrolled'"))

    op.create_table('enrolment_entry_history',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('programme_code', sa.String(length=120), nullable=False),
    sa.Column('teacher_id', sa.String(length=100), nullable=False),
    sa.Column('previous_state', sa.String(length=12), nullable=True),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('successful', 'waitlisted', 'offered', 'promoted', 'enrolled', 'withdrawn', 'declined', 'cancelled')", name=op.f('ck_enrolment_entry_history_state')),
    sa.ForeignKeyConstraint(['programme_code', 'teacher_id'], ['enrolment_entry.programme_code', 'enrolment_entry.teacher_id'], name=op.f('fk_enrolment_entry_history_programme_code_enrolment_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrolment_entry_history'))
    )
    with op.batch_alter_table('enrolment_entry_history', schema=None) as batch_op:
        batch_op.create_index('ix_enrolment_entry_history_entry', ['programme_code', 'teacher_id'], unique=False)

    op.create_table('withdrawal_declaration',
    sa.Column('programme_code', sa.String(length=120), nullable=False),
    sa.Column('teacher_id', sa.String(length=100), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_by', sa.String(length=100), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('size > 0 AND size <= 5242880 AND length(content) = size', name=op.f('ck_withdrawal_declaration_size')),
    sa.ForeignKeyConstraint(['programme_code', 'teacher_id'], ['enrolment_entry.programme_code', 'enrolment_entry.teacher_id'], name=op.f('fk_withdrawal_declaration_programme_code_enrolment_entry')),
    sa.PrimaryKeyConstraint('programme_code', 'teacher_id', name=op.f('pk_withdrawal_declaration'))
    )
    _copy_candidates_into_entries()
    with op.batch_alter_table('programme_candidate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_candidate_teacher_id'))

    op.drop_table('programme_candidate')


def _copy_candidates_into_entries() -> None:
    """Candidates of programmes already known (the allocation carries the capacity, the programme
    row the period and centre); a teacher on both lists of a programme is seated (rules.seed_lists)."""
    op.execute(
        "INSERT INTO enrolment_programme (programme_code, period_id, centre_code, capacity, to_be_implemented,"
        " enrolled, changed_at)"
        " SELECT p.code, p.period_id, p.centre_code, p.capacity, a.to_be_implemented, 0, a.received_at"
        " FROM programme p JOIN programme_allocation a ON a.programme_code = p.code WHERE a.phase IS NOT NULL"
    )
    op.execute(
        "INSERT INTO enrolment_entry (programme_code, teacher_id, period_id, allocated_as, position, phase, state,"
        " touched, changed_at, last_event_id)"
        " SELECT c.programme_code, c.teacher_id, e.period_id, c.status, c.position, c.phase, c.status, FALSE,"
        " c.received_at, c.last_event_id"
        " FROM programme_candidate c JOIN enrolment_programme e ON e.programme_code = c.programme_code"
        " WHERE c.status = 'successful' OR NOT EXISTS (SELECT 1 FROM programme_candidate s"
        " WHERE s.programme_code = c.programme_code AND s.teacher_id = c.teacher_id AND s.status = 'successful')"
    )


def downgrade() -> None:
    """Downgrade schema (the candidate lists come back empty: the next allocation event fills them)."""
    op.create_table('programme_candidate',
    sa.Column('programme_code', sa.VARCHAR(length=120), nullable=False),
    sa.Column('status', sa.VARCHAR(length=12), nullable=False),
    sa.Column('position', sa.INTEGER(), nullable=False),
    sa.Column('teacher_id', sa.VARCHAR(length=100), nullable=False),
    sa.Column('phase', sa.VARCHAR(length=1), nullable=False),
    sa.Column('received_at', sa.DATETIME(), nullable=False),
    sa.Column('last_event_id', sa.VARCHAR(length=36), nullable=False),
    sa.CheckConstraint("phase IN ('A', 'B')", name=op.f('ck_programme_candidate_phase')),
    sa.CheckConstraint("status IN ('successful', 'waitlisted')", name=op.f('ck_programme_candidate_status')),
    sa.CheckConstraint('position >= 1', name=op.f('ck_programme_candidate_position')),
    sa.PrimaryKeyConstraint('programme_code', 'status', 'position', name=op.f('pk_programme_candidate'))
    )
    with op.batch_alter_table('programme_candidate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_candidate_teacher_id'), ['teacher_id'], unique=False)

    op.drop_table('withdrawal_declaration')
    with op.batch_alter_table('enrolment_entry_history', schema=None) as batch_op:
        batch_op.drop_index('ix_enrolment_entry_history_entry')

    op.drop_table('enrolment_entry_history')
    with op.batch_alter_table('enrolment_entry', schema=None) as batch_op:
        batch_op.drop_index('uq_enrolment_entry_enrolled_once_per_period', postgresql_where=sa.text("state = 'enrolled'"), sqlite_where=sa.text("state = 'enrolled'"))
        batch_op.drop_index('ix_enrolment_entry_teacher_id')

    op.drop_table('enrolment_entry')
    op.drop_table('enrolment_programme')
