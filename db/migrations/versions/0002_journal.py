"""Symptom journal (entries with ratings and doses), pain maps and try-it plans.

Revision ID: 0002
Revises: 0001
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column[Any]]:
    return [
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "journal_entry",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_date", sa.String(10), nullable=False),
        sa.Column("entry_time", sa.String(5), nullable=True),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        *_stamps(),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_journal_entry_entry_date", "journal_entry", ["entry_date"])
    op.create_table(
        "journal_rating",
        sa.Column(
            "entry_id",
            sa.Integer,
            sa.ForeignKey("journal_entry.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("symptom", sa.String(64), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
        sa.CheckConstraint("value BETWEEN 0 AND 10", name="ck_journal_rating_value"),
    )
    op.create_index("ix_journal_rating_symptom", "journal_rating", ["symptom"])
    op.create_table(
        "journal_dose",
        sa.Column(
            "entry_id",
            sa.Integer,
            sa.ForeignKey("journal_entry.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("form", sa.String(64), primary_key=True),
        sa.Column("mg", sa.Float, nullable=False),
        sa.CheckConstraint("mg > 0 AND mg <= 5000", name="ck_journal_dose_mg"),
    )
    op.create_index("ix_journal_dose_form", "journal_dose", ["form"])
    op.create_table(
        "pain_map",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("map_date", sa.String(10), nullable=False),
        sa.Column("areas", sa.Text, nullable=False, server_default=""),
        sa.Column("fatigue", sa.Integer, nullable=False, server_default="0"),
        sa.Column("waking_unrefreshed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("cognitive", sa.Integer, nullable=False, server_default="0"),
        sa.Column("headaches", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("lower_abdominal", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("depression", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("three_months", sa.Boolean, nullable=True),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        *_stamps(),
        sa.CheckConstraint(
            "fatigue BETWEEN 0 AND 3 AND waking_unrefreshed BETWEEN 0 AND 3 "
            "AND cognitive BETWEEN 0 AND 3",
            name="ck_pain_map_severity",
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_pain_map_map_date", "pain_map", ["map_date"])
    op.create_table(
        "trial_plan",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("baseline_start", sa.String(10), nullable=False),
        sa.Column("baseline_end", sa.String(10), nullable=False),
        sa.Column("start_date", sa.String(10), nullable=False),
        sa.Column("review_date", sa.String(10), nullable=False),
        sa.Column("form", sa.String(64), nullable=False),
        sa.Column("dose_mg", sa.Float, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("reviewed_on", sa.String(10), nullable=True),
        *_stamps(),
        sa.CheckConstraint("dose_mg > 0 AND dose_mg <= 5000", name="ck_trial_plan_dose"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("trial_plan")
    op.drop_index("ix_pain_map_map_date", "pain_map")
    op.drop_table("pain_map")
    op.drop_index("ix_journal_dose_form", "journal_dose")
    op.drop_table("journal_dose")
    op.drop_index("ix_journal_rating_symptom", "journal_rating")
    op.drop_table("journal_rating")
    op.drop_index("ix_journal_entry_entry_date", "journal_entry")
    op.drop_table("journal_entry")
