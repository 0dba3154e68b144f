"""The draft remembers which saved visit it is an edit of (`visit.draft_of`), and visit ids
are never used twice (AUTOINCREMENT).

Without the link, a draft edited from a saved visit came back after a restart as a new visit,
and Save then added a copy instead of updating the visit it came from. Without AUTOINCREMENT,
SQLite gives a new visit the id of the newest one deleted, so a link (or an undo of the
delete) could point at an unrelated visit. The table is rebuilt (Alembic's batch mode: a copy,
then a rename), keeping every row and index.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table(
        "visit", recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ) as table:
        table.add_column(sa.Column("draft_of", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("visit", recreate="always") as table:
        table.drop_column("draft_of")
