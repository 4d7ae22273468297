"""The database's own full-text index over the analysed terms, which the ORM does not
model. PostgreSQL: a stored tsvector (config ``simple``: the terms are stemmed
already; title terms weight A, so a query restricted to ``:A`` tells title hits) with
a GIN index without the pending list (fastupdate=off: searches never scan unmerged
entries). SQLite: an external-content FTS5 table kept by triggers.

A later migration that alters SearchDocument on SQLite remakes its table, which drops
the triggers: such a migration must create them again (FTS5_TRIGGERS)."""

from django.db import migrations

POSTGRES_FORWARD = [
    """ALTER TABLE searchindex_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_terms), 'B')
    ) STORED""",
    """CREATE INDEX searchindex_vector_gin ON searchindex_searchdocument
        USING gin (search_vector) WITH (fastupdate = off)""",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS searchindex_vector_gin",
    "ALTER TABLE searchindex_searchdocument DROP COLUMN IF EXISTS search_vector",
]
FTS5_TABLE = """CREATE VIRTUAL TABLE IF NOT EXISTS searchindex_fts USING fts5(
    title_terms, body_terms, content='searchindex_searchdocument', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
)"""
FTS5_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS searchindex_fts_insert AFTER INSERT ON searchindex_searchdocument BEGIN
        INSERT INTO searchindex_fts(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);
    END""",
    """CREATE TRIGGER IF NOT EXISTS searchindex_fts_delete AFTER DELETE ON searchindex_searchdocument BEGIN
        INSERT INTO searchindex_fts(searchindex_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
    END""",
    """CREATE TRIGGER IF NOT EXISTS searchindex_fts_update AFTER UPDATE ON searchindex_searchdocument BEGIN
        INSERT INTO searchindex_fts(searchindex_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
        INSERT INTO searchindex_fts(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS searchindex_fts_insert",
    "DROP TRIGGER IF EXISTS searchindex_fts_delete",
    "DROP TRIGGER IF EXISTS searchindex_fts_update",
    "DROP TABLE IF EXISTS searchindex_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("searchindex", "0001_search_document")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": [FTS5_TABLE, *FTS5_TRIGGERS]}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
