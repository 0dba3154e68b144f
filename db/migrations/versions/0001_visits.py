"""Saved visits and the current draft.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, server_default=""),
        sa.Column("visit_date", sa.String(10), nullable=False, server_default=""),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("is_draft", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_visit_updated", "visit", ["updated"])


def downgrade() -> None:
    op.drop_index("ix_visit_updated", "visit")
    op.drop_table("visit")
