"""The user database's tables as typed SQLAlchemy models; Alembic migrations own the schema."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base for every user-data table."""


class Visit(Base):
    """A saved visit: the VisitPlan as its versioned JSON document, plus what lists need."""

    __tablename__ = "visit"
    __table_args__ = {"sqlite_autoincrement": True}  # ids never reused (migration 0003)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    visit_date: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    created: Mapped[str] = mapped_column(String(32), nullable=False)
    updated: Mapped[str] = mapped_column(String(32), nullable=False)
    document: Mapped[str] = mapped_column(Text, nullable=False)
    is_draft: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # On the draft only: the saved visit it is an edit of (migration 0003).
    draft_of: Mapped[int | None] = mapped_column(Integer, nullable=True)


# ----- journal, pain maps, try-it plans (migration 0002). Dates are ISO text (YYYY-MM-DD),
# times HH:MM; ids never get reused (AUTOINCREMENT), so undo can put a row back under its id.


class JournalEntryRow(Base):
    """One journal entry; its ratings and doses are child rows deleted with it."""

    __tablename__ = "journal_entry"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_date: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    entry_time: Mapped[str | None] = mapped_column(String(5), nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created: Mapped[str] = mapped_column(String(32), nullable=False)
    updated: Mapped[str] = mapped_column(String(32), nullable=False)
    ratings: Mapped[list[JournalRatingRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="JournalRatingRow.symptom"
    )
    doses: Mapped[list[JournalDoseRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="JournalDoseRow.form"
    )


class JournalRatingRow(Base):
    """A 0-10 rating of one content symptom in one entry."""

    __tablename__ = "journal_rating"
    __table_args__ = (CheckConstraint("value BETWEEN 0 AND 10", name="ck_journal_rating_value"),)

    entry_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("journal_entry.id", ondelete="CASCADE"), primary_key=True
    )
    symptom: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    value: Mapped[int] = mapped_column(Integer, nullable=False)


class JournalDoseRow(Base):
    """Elemental mg of one content form taken in one entry."""

    __tablename__ = "journal_dose"
    __table_args__ = (CheckConstraint("mg > 0 AND mg <= 5000", name="ck_journal_dose_mg"),)

    entry_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("journal_entry.id", ondelete="CASCADE"), primary_key=True
    )
    form: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    mg: Mapped[float] = mapped_column(Float, nullable=False)


class PainMapRow(Base):
    """A dated ACR 2016 self-report: painful areas (ids, comma-separated) and the SSS items."""

    __tablename__ = "pain_map"
    __table_args__ = (
        CheckConstraint(
            "fatigue BETWEEN 0 AND 3 AND waking_unrefreshed BETWEEN 0 AND 3 "
            "AND cognitive BETWEEN 0 AND 3",
            name="ck_pain_map_severity",
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    map_date: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    areas: Mapped[str] = mapped_column(Text, nullable=False, default="")
    fatigue: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    waking_unrefreshed: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    cognitive: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    headaches: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    lower_abdominal: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    depression: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    three_months: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created: Mapped[str] = mapped_column(String(32), nullable=False)
    updated: Mapped[str] = mapped_column(String(32), nullable=False)


class TrialPlanRow(Base):
    """A try-it plan: baseline, start and review dates, the form and dose tried."""

    __tablename__ = "trial_plan"
    __table_args__ = (
        CheckConstraint("dose_mg > 0 AND dose_mg <= 5000", name="ck_trial_plan_dose"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    baseline_start: Mapped[str] = mapped_column(String(10), nullable=False)
    baseline_end: Mapped[str] = mapped_column(String(10), nullable=False)
    start_date: Mapped[str] = mapped_column(String(10), nullable=False)
    review_date: Mapped[str] = mapped_column(String(10), nullable=False)
    form: Mapped[str] = mapped_column(String(64), nullable=False)
    dose_mg: Mapped[float] = mapped_column(Float, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    reviewed_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    created: Mapped[str] = mapped_column(String(32), nullable=False)
    updated: Mapped[str] = mapped_column(String(32), nullable=False)
