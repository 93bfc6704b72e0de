"""Sections keep their full-text vector in a column PostgreSQL fills itself (the search reads it
instead of parsing every section's text). Nothing happens on SQLite."""

from django.db import migrations

from core.text_search import AddSearchDocument


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0008_text_search"),
        ("strategy", "0011_pdf_flow_on"),
    ]

    operations = [AddSearchDocument("section", ["title", "body"], config="pt_unaccent")]
