"""The user database's tables as typed SQLAlchemy models; Alembic migrations own the schema."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base for every user-data table."""


class Visit(Base):
    """A saved visit: the VisitPlan as its versioned JSON document, plus what lists need."""

    __tablename__ = "visit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    visit_date: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    created: Mapped[str] = mapped_column(String(32), nullable=False)
    updated: Mapped[str] = mapped_column(String(32), nullable=False)
    document: Mapped[str] = mapped_column(Text, nullable=False)
    is_draft: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
