"""Prefix indexes in the SQLite full-text table: short prefixes read one list, not many.

The last word typed is searched as a prefix. Without a prefix index FTS5 merges the lists
of every word that starts with it before it can return a first row: a two-letter prefix
in a national registry means hundreds of words and a million postings. With prefixes of
2, 3 and 4 letters indexed, such a query reads one list, as a whole word does. The table
is rebuilt from its content table (`search_searchentry`), so nothing has to be reindexed.
PostgreSQL is untouched: its GIN index answers prefixes itself.
"""

from django.db import migrations

TABLE = "search_searchentry_fts"


def _recreate(options: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(text, content='search_searchentry', "
            f"content_rowid='id', tokenize='unicode61'{options})"
        )
        schema_editor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")

    return run


class Migration(migrations.Migration):

    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(_recreate(", prefix='2 3 4'"), _recreate(""), elidable=False),
    ]
