"""Contributions keep their full-text vector in a column PostgreSQL fills itself (the search
reads it instead of parsing every contribution's text). Nothing happens on SQLite."""

from django.db import migrations

from core.text_search import AddSearchDocument


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0008_text_search"),
        ("contributions", "0008_catalogue_and_queue_indexes"),
    ]

    operations = [
        AddSearchDocument("contribution", ["title", "summary", "body"], config="pt_unaccent")
    ]
