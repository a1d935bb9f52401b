"""sql.create_schema: create the example's tables if they do not exist (idempotent).

The insert actions make sure of the schema too; this action lets an operator (or a
benchmark) prepare the database before the first run.
"""
from lib.db import COLUMNS, connect, resolve_url
from st2common.runners.base_action import Action


class CreateSchema(Action):
    def run(self, db_url=None):
        db = connect(resolve_url(db_url, self.config), self.config)
        try:
            db.ensure_schema()
        finally:
            db.close()
        return {"dialect": db.dialect, "tables": sorted(COLUMNS)}
