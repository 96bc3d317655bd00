"""PostgreSQL: the sort keys indexed in the order the search sorts them (collation "C").

The search sorts names and numbers by code point on both databases (`engine._key`), so
that SQLite and PostgreSQL agree whatever the server's locale. An index in the
database's default collation cannot give that order: sorting the 230,000 datasheets that
match a common word by name meant sorting them all first. With these indexes the
database walks the names in order and stops at the page. SQLite sorts by code point
already and uses the indexes of the model.
"""

from django.db import migrations

INDEXES = {
    "search_kind_name_c": '(kind, sort_name COLLATE "C", sort_number COLLATE "C", id)',
    "search_kind_number_c": '(kind, sort_number COLLATE "C", id)',
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX {name} ON search_searchentry {columns}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [("search", "0002_fts_prefixes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
