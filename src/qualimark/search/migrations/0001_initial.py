"""The search index, and the database's own full-text machinery over its `text` column.

SQLite: an FTS5 table with external content (it stores only the index, reading the text
from search_searchentry) and triggers that keep it in step with every insert, update and
delete. PostgreSQL: a trigger that computes the tsvector `document` from `text` with the
`simple` configuration, and a GIN index over it.

Note for later migrations: on SQLite, Django alters a table by building a new one and
dropping the old, which drops these triggers; a migration that alters SearchEntry must
run FULL_TEXT_UP again (and `qualimark reindex`).
"""

import django.contrib.postgres.search
import django.db.models.deletion
import qualimark.search.models
from django.db import migrations, models
from django.db.utils import OperationalError

SQLITE_UP = [
    """
    CREATE VIRTUAL TABLE search_searchentry_fts USING fts5(
        text, content='search_searchentry', content_rowid='id', tokenize='unicode61'
    )
    """,
    """
    CREATE TRIGGER search_searchentry_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER search_searchentry_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER search_searchentry_fts_update AFTER UPDATE OF text ON search_searchentry
    BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO search_searchentry_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_searchentry_fts_update",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_insert",
    "DROP TABLE IF EXISTS search_searchentry_fts",
]
POSTGRESQL_UP = [
    """
    CREATE TRIGGER search_searchentry_document
    BEFORE INSERT OR UPDATE OF text ON search_searchentry
    FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(document, 'pg_catalog.simple', text)
    """,
    "CREATE INDEX search_searchentry_document ON search_searchentry USING gin (document)",
]
POSTGRESQL_DOWN = [
    "DROP INDEX IF EXISTS search_searchentry_document",
    "DROP TRIGGER IF EXISTS search_searchentry_document ON search_searchentry",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def full_text_up(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        try:
            schema_editor.execute("CREATE VIRTUAL TABLE temp.search_fts5_probe USING fts5(x)")
            schema_editor.execute("DROP TABLE temp.search_fts5_probe")
        except OperationalError as error:
            raise RuntimeError(
                "This Python's SQLite has no FTS5 full-text search, which the search "
                f"index needs ({error}). Use a Python built with FTS5, or PostgreSQL."
            ) from None
    _run({"sqlite": SQLITE_UP, "postgresql": POSTGRESQL_UP})(apps, schema_editor)


full_text_down = _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRESQL_DOWN})


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('certification', '0001_initial'),
        ('datasheets', '0001_initial'),
        ('parties', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('certificates', 'certificate'), ('datasheets', 'datasheet'), ('holders', 'holder')], max_length=12, verbose_name='kind')),
                ('scheme_code', models.CharField(blank=True, max_length=20, verbose_name='certification system')),
                ('subject_code', models.CharField(blank=True, max_length=60, verbose_name='subject')),
                ('holder_number', models.CharField(blank=True, max_length=10, verbose_name='enterprise number')),
                ('unit_town', models.CharField(blank=True, max_length=100, verbose_name='town of the production unit')),
                ('unit_postal_code', models.CharField(blank=True, max_length=10, verbose_name='postal code of the production unit')),
                ('sort_name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                ('sort_number', models.CharField(blank=True, max_length=40, verbose_name='number or code')),
                ('sort_date', models.DateField(null=True, verbose_name='public since')),
                ('text', models.TextField(verbose_name='indexed text')),
                ('document', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ('certificate', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='certification.certificate', verbose_name='certificate')),
                ('datasheet', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='datasheets.datasheet', verbose_name='datasheet')),
                ('holder', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='parties.organisation', verbose_name='holder')),
            ],
            options={
                'verbose_name': 'search index entry',
                'verbose_name_plural': 'search index entries',
            },
        ),
        migrations.CreateModel(
            name='SearchText',
            fields=[
                ('entry', models.OneToOneField(db_column='rowid', on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='fts', serialize=False, to='search.searchentry')),
                ('text', qualimark.search.models.FullTextField()),
                ('rank', models.FloatField()),
            ],
            options={
                'db_table': 'search_searchentry_fts',
                'managed': False,
            },
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['kind', 'sort_name'], name='search_kind_name'),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['kind', 'sort_number'], name='search_kind_number'),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['kind', 'sort_date'], name='search_kind_date'),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['kind', 'scheme_code'], name='search_kind_scheme'),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['kind', 'subject_code'], name='search_kind_subject'),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['kind', 'holder_number'], name='search_holder_number'),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['kind', 'unit_town'], name='search_unit_town'),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['kind', 'unit_postal_code'], name='search_unit_postal_code'),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['kind', 'holder'], name='search_kind_holder'),
        ),
        migrations.AddConstraint(
            model_name='searchentry',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'certificates')), fields=('certificate',), name='search_one_entry_per_certificate'),
        ),
        migrations.AddConstraint(
            model_name='searchentry',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'datasheets')), fields=('datasheet',), name='search_one_entry_per_datasheet'),
        ),
        migrations.AddConstraint(
            model_name='searchentry',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'holders')), fields=('holder',), name='search_one_entry_per_holder'),
        ),
        migrations.RunPython(full_text_up, full_text_down, elidable=False),
    ]
