"""Plain SQL where Django's query building costs more than the query itself.

One bulk write: many rows, each with its own values, in one statement. Django's
`bulk_update` builds a CASE WHEN per row and field, which grows quadratically with the
rows. On PostgreSQL, `UPDATE … FROM (VALUES …)` writes any number of rows in one
statement that grows linearly; elsewhere (SQLite, in development) plain per-row updates
do the same work.

Two reads that run on every tick of a step or every page built: the letters of the children's
spaces still to close first (`children_letters`), a person's cases whose window has passed
(`late_cases`). Django builds such a query anew each time (about 1 ms for three tables, four times
what the database takes to answer it); written once here, they cost the answer only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import connection
from django.db.models import Model

from optout.models import Case, Letter, Person

try:
    import psycopg
except ImportError:  # SQLite only, in development
    psycopg = None

CHUNK = 5000
#: psycopg's default: a statement run this often on a connection is prepared (ours ask at once).
PREPARE_THRESHOLD = 5


def update_from_values(
    model: type[Model],
    *,
    columns: dict[str, str],
    rows: Sequence[tuple],
    constants: dict | None = None,
    only_if: dict | None = None,
) -> None:
    """Set `columns` per row, and `constants` on every row, where the row still matches `only_if`.

    `columns` maps each field to its SQL type, the primary key first; each row is a
    tuple of values in that order. `constants` and `only_if` are field → value.
    """
    constants, only_if = constants or {}, only_if or {}
    if not rows:
        return
    names = list(columns)
    key, fields = names[0], names[1:]
    if connection.vendor != "postgresql":
        for row in rows:
            values = dict(zip(fields, row[1:], strict=True))
            model.objects.filter(**{key: row[0]}, **only_if).update(**values, **constants)
        return
    quote = connection.ops.quote_name
    assignments = [f"{quote(name)} = v.{quote(name)}" for name in fields]
    assignments += [f"{quote(name)} = %s" for name in constants]
    conditions = [f"t.{quote(key)} = v.{quote(key)}"] + [f"t.{quote(name)} = %s" for name in only_if]
    placeholders = "(" + ", ".join(f"%s::{columns[name]}" for name in names) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            sql = (
                f"UPDATE {quote(model._meta.db_table)} AS t SET {', '.join(assignments)} "  # noqa: S608 - names are ours
                f"FROM (VALUES {', '.join([placeholders] * len(chunk))}) AS v({', '.join(map(quote, names))}) "
                f"WHERE {' AND '.join(conditions)}"
            )
            params = [*constants.values(), *[value for row in chunk for value in row], *only_if.values()]
            cursor.execute(sql, params)


def execute_prepared(statement: str, rows: Sequence[tuple]) -> None:
    """Run one small statement once per row, as a prepared statement on PostgreSQL.

    For a statement run thousands of times a minute (marking each email sent), the
    server parses and plans it once per connection instead of every time: about half
    the cost of each. Prepared at once, whatever the settings say (with DATABASE_PREPARED=false
    Django's cursors bind on the client and never prepare): through a psycopg cursor
    that binds on the server, on the same connection.
    Elsewhere (SQLite), Django's cursor runs it. `statement` uses %s placeholders.
    """
    if not rows:
        return
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.executemany(statement, rows)
        return
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # DATABASE_PREPARED=false: Django turned preparing off for the connection (a pooler in
        # transaction mode); only statements run here are prepared, once each.
        raw.prepare_threshold = PREPARE_THRESHOLD
    # Errors come out as Django's (and Django knows the connection saw one, to replace it if broken).
    with connection.wrap_database_errors, psycopg.Cursor(raw) as cursor:
        for row in rows:
            cursor.execute(statement, row, prepare=True)


def children_letters(owner_ids: Sequence[int], *, relation: str, statuses: Sequence[str]) -> list[tuple]:
    """(owner id, letter's sending day, its receipt day) for each case of these owners' people of
    `relation` (the children) whose status is in `statuses` and that has a letter."""
    if not owner_ids:
        return []
    owners = ", ".join(["%s"] * len(owner_ids))
    wanted = ", ".join(["%s"] * len(statuses))
    statement = (
        f"SELECT p.owner_id, l.sent_on, l.received_on FROM {Case._meta.db_table} c "  # noqa: S608 - our names
        f"JOIN {Person._meta.db_table} p ON p.id = c.person_id "
        f"JOIN {Letter._meta.db_table} l ON l.id = c.letter_id "
        f"WHERE p.owner_id IN ({owners}) AND p.relation = %s AND c.status IN ({wanted})"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*owner_ids, relation, *statuses])
        return cursor.fetchall()


def late_cases(owner_id: int, *, status: str, before: date) -> list[int]:
    """The ids of this owner's cases in `status` whose legal deadline is before `before`."""
    statement = (
        f"SELECT c.id FROM {Case._meta.db_table} c "  # noqa: S608 - our names
        f"JOIN {Person._meta.db_table} p ON p.id = c.person_id "
        "WHERE p.owner_id = %s AND c.status = %s AND c.legal_deadline < %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [owner_id, status, before])
        return [row[0] for row in cursor.fetchall()]
