"""Database access for the sql pack: SQLite (stdlib) or PostgreSQL.

Statements are written once with `?` placeholders. SQLite binds them natively,
psycopg gets `%s`, and without psycopg the values are rendered as SQL literals and
the script is piped to `psql` (trust auth, or credentials in the URL). Every
connection first makes sure the schema exists (idempotent; PostgreSQL serialises
concurrent creators with an advisory lock so 100 parallel first inserts do not race).
"""
import json
import math
import os
import sqlite3
import subprocess
import tempfile

SCHEMA_LOCK_KEY = 7_202_611
DEFAULT_SQLITE = os.path.join(tempfile.gettempdir(), "orqc-examples", "monitoring.sqlite")

COLUMNS = {
    "am_process": [
        ("incident_id", "TEXT NOT NULL"),
        ("host", "TEXT NOT NULL"),
        ("customer", "TEXT"),
        ("workflow", "TEXT"),
        ("status", "TEXT"),
        ("created_at", "TEXT NOT NULL"),
    ],
    "metrics": [
        ("process_id", "INTEGER NOT NULL"),
        ("host", "TEXT NOT NULL"),
        ("start_ts", "TEXT"),
        ("end_ts", "TEXT"),
        ("duration_s", "DOUBLE PRECISION"),
        ("ping_ok", "INTEGER"),
        ("packet_loss", "DOUBLE PRECISION"),
        ("rtt_avg_ms", "DOUBLE PRECISION"),
        ("threshold_breached", "INTEGER"),
        ("uptime_s", "DOUBLE PRECISION"),
        ("uptime_status", "TEXT"),
        ("itsm_tool", "TEXT"),
        ("itsm_state", "TEXT"),
        ("created_at", "TEXT NOT NULL"),
    ],
    "metric_details": [
        ("metric_id", "INTEGER NOT NULL"),
        ("process_id", "INTEGER NOT NULL"),
        ("category", "TEXT NOT NULL"),
        ("name", "TEXT NOT NULL"),
        ("value", "TEXT"),
        ("created_at", "TEXT NOT NULL"),
    ],
}
ID_COLUMN = {"sqlite": "id INTEGER PRIMARY KEY AUTOINCREMENT", "postgres": "id BIGSERIAL PRIMARY KEY"}

_schema_ready = set()


def resolve_url(db_url=None, config=None):
    """Action parameter, then $ORQC_DB_URL, then pack config, then the default SQLite file."""
    for candidate in (db_url, os.environ.get("ORQC_DB_URL"), (config or {}).get("db_url")):
        if candidate:
            return candidate
    return DEFAULT_SQLITE


def is_postgres(url):
    return url.startswith("postgres://") or url.startswith("postgresql://")


def schema_statements(dialect):
    statements = []
    for table, columns in COLUMNS.items():
        body = ", ".join([ID_COLUMN[dialect]] + ["%s %s" % column for column in columns])
        statements.append("CREATE TABLE IF NOT EXISTS %s (%s)" % (table, body))
    statements.append("CREATE INDEX IF NOT EXISTS metric_details_metric ON metric_details (metric_id)")
    return statements


def connect(url, config=None):
    if is_postgres(url):
        return PostgresDatabase(url, (config or {}).get("psql_path") or "psql")
    return SqliteDatabase(url)


def sql_literal(value):
    """PostgreSQL literal for the psql path (standard_conforming_strings is set on)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "NULL" if math.isnan(value) or math.isinf(value) else repr(value)
    if not isinstance(value, str):
        value = json.dumps(value, sort_keys=True)
    if "\x00" in value:
        raise ValueError("NUL characters cannot be stored in PostgreSQL text")
    return "'" + value.replace("'", "''") + "'"


def _insert_sql(table, columns, row_count):
    placeholders = "(" + ", ".join("?" for _ in columns) + ")"
    return "INSERT INTO %s (%s) VALUES %s RETURNING id" % (
        table,
        ", ".join(columns),
        ", ".join(placeholders for _ in range(row_count)),
    )


def _check_table(table, rows):
    allowed = {name for name, _ in COLUMNS[table]}
    columns = list(rows[0].keys())
    unknown = [name for name in columns if name not in allowed]
    if unknown:
        raise ValueError("unknown columns for %s: %s" % (table, ", ".join(unknown)))
    return columns


class SqliteDatabase:
    dialect = "sqlite"

    def __init__(self, url):
        path = url[len("sqlite://"):] if url.startswith("sqlite://") else url
        if path.startswith("//"):
            path = path[1:]
        if path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        self.path = path
        self.conn = sqlite3.connect(path, timeout=60)
        key = ("sqlite", os.path.abspath(path))
        if key not in _schema_ready:
            self.conn.execute("PRAGMA journal_mode=WAL")
            with self.conn:
                for statement in schema_statements("sqlite"):
                    self.conn.execute(statement)
            _schema_ready.add(key)

    def insert(self, table, rows):
        """Insert rows (a list of dicts with the same keys); returns their ids."""
        if not rows:
            return []
        columns = _check_table(table, rows)
        params = [row.get(name) for row in rows for name in columns]
        with self.conn:
            cursor = self.conn.execute(_insert_sql(table, columns, len(rows)), params)
            return [row[0] for row in cursor.fetchall()]

    def ensure_schema(self):
        """Done when connecting."""

    def close(self):
        self.conn.close()


class PostgresDatabase:
    dialect = "postgres"

    def __init__(self, url, psql_path="psql"):
        self.url = url
        self.psql_path = psql_path
        try:
            import psycopg  # noqa: F401  (optional dependency)

            self._psycopg = psycopg
        except ImportError:
            self._psycopg = None
        self._schema_pending = ("postgres", url) not in _schema_ready

    def _schema_script(self):
        lock = "DO $$ BEGIN PERFORM pg_advisory_xact_lock(%d); END $$" % SCHEMA_LOCK_KEY
        return ["BEGIN", lock] + schema_statements("postgres") + ["COMMIT"]

    def ensure_schema(self):
        if not self._schema_pending:
            return
        if self._psycopg:
            with self._psycopg.connect(self.url, autocommit=True) as conn:
                with conn.transaction():
                    for statement in self._schema_script()[1:-1]:
                        conn.execute(statement)
        else:
            self._psql(self._schema_script())
        self._mark_schema_ready()

    def insert(self, table, rows):
        """Insert rows (a list of dicts with the same keys); returns their ids."""
        if not rows:
            return []
        columns = _check_table(table, rows)
        sql = _insert_sql(table, columns, len(rows))
        params = [row.get(name) for row in rows for name in columns]
        if self._psycopg:
            self.ensure_schema()
            with self._psycopg.connect(self.url, autocommit=True) as conn:
                with conn.transaction():
                    cursor = conn.execute(sql.replace("?", "%s"), params)
                    ids = [row[0] for row in cursor.fetchall()]
        else:
            pieces = sql.split("?")
            rendered = pieces[0] + "".join(sql_literal(value) + piece for value, piece in zip(params, pieces[1:]))
            # One psql process per insert: the schema script rides along the first time.
            script = self._schema_script() if self._schema_pending else []
            output = self._psql(script + [rendered])
            ids = [int(line) for line in output.split() if line.strip()]
        self._mark_schema_ready()
        return ids

    def _mark_schema_ready(self):
        _schema_ready.add(("postgres", self.url))
        self._schema_pending = False

    def _psql(self, statements):
        script = ";\n".join(["SET standard_conforming_strings = on"] + statements) + ";\n"
        command = [self.psql_path, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", self.url, "-f", "-"]
        proc = subprocess.run(command, input=script, capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            raise RuntimeError("psql failed (exit %d): %s" % (proc.returncode, proc.stderr.strip()))
        return proc.stdout

    def close(self):
        pass
