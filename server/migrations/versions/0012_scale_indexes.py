"""Indexes for listings at the scale of the profession (100,000 members, 1,000,000 matches).

Measured with bench/scale.py (EXPLAIN ANALYZE on the generated data set):
- staff lists members newest first (`created_at DESC, user_id`): without an index on that order,
  every members listing, filtered by name or not, read and sorted the whole `member_profiles` table
  (a parallel Seq Scan, ~70 ms). Walked backwards, this index yields the order and stops at the page.
- the occupation filter looks at every title a member held (`member_experiences.occupation_id`):
  its sub-query read thousands of heap rows per search; with `user_id` in the index it is read from
  the index alone.
- members of one département by occupation: walking that département newest first stops at the
  page (5–9 ms instead of 15–20 on Paris's 13,000 members), and its count reads the index alone.
Plain B-trees, the same on SQLite and PostgreSQL (the last one carries the headline occupation as an
INCLUDE column on PostgreSQL only).

On PostgreSQL the database also gets `random_page_cost = 1.1` (the default, 4, prices a random read
as on a spinning disk). With 4, joining a couple of thousand members to their accounts looked dearer
by index than by reading all 100,000 accounts: the count of "occupation + département" ran a Seq Scan
on `users` (~60 ms); with 1.1 it probes the primary key (~5 ms quiet). Not always: the planner prices
the occupation filter (an OR with a sub-query) at half the rows, and for Paris (13,000 members,
1,500 matching) it may still read all accounts. The data sets of a federation fit in memory, on
SSDs. Only the database's owner may set it: otherwise a notice, and no failure.

The trigram indexes on accounts' e-mails and names get a statistics target of 1,000 (100 by
default): a search for a first name held by 2,500 members was estimated at 6,000, and the planner
read all 100,000 profiles to join them (Seq Scan) rather than probe each; with the finer histogram
it estimates ~2,900 and probes.

Revision ID: 0012_scale_indexes
Revises: 0011_totp_replay
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012_scale_indexes"
down_revision: str | None = "0011_totp_replay"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_member_profiles_created_at_user", "member_profiles", ["created_at", "user_id"]),
    ("ix_member_experiences_occupation_user", "member_experiences", ["occupation_id", "user_id"]),
)
# members of a département newest first, the headline occupation carried along (INCLUDE: PostgreSQL)
DEPARTEMENT_INDEX = ("ix_member_profiles_departement_created_at", "member_profiles")
DEPARTEMENT_COLUMNS = ["departement", "created_at", "user_id"]


# the database's owner may set a planner default for it (new sessions read it)
RANDOM_PAGE_COST = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET random_page_cost = {value}', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'random_page_cost left as it is: % does not own the database', current_user;
END $$
"""


# statistics of the indexed expression lower(column) (column 1 of each trigram index)
FINE_STATISTICS = ("ix_users_email_trgm", "ix_users_full_name_trgm")


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    op.create_index(*DEPARTEMENT_INDEX, DEPARTEMENT_COLUMNS, postgresql_include=["headline_occupation_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(RANDOM_PAGE_COST.format(value="1.1"))
        for index in FINE_STATISTICS:
            op.execute(f"ALTER INDEX {index} ALTER COLUMN 1 SET STATISTICS 1000")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(RANDOM_PAGE_COST.replace("SET random_page_cost = {value}", "RESET random_page_cost"))
        for index in FINE_STATISTICS:
            op.execute(f"ALTER INDEX {index} ALTER COLUMN 1 SET STATISTICS -1")
    op.drop_index(DEPARTEMENT_INDEX[0], table_name=DEPARTEMENT_INDEX[1])
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
