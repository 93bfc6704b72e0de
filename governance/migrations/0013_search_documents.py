"""Meetings, agenda items, minutes and decisions keep their full-text vector in a column
PostgreSQL fills itself (the search reads it instead of parsing every row's text). Nothing
happens on SQLite."""

from django.db import migrations

from core.text_search import AddSearchDocument


class Migration(migrations.Migration):
    dependencies = [("governance", "0012_edit_revisions")]

    operations = [
        AddSearchDocument("meeting", ["title", "place", "notes"], config="pt_unaccent"),
        AddSearchDocument("agendaitem", ["title", "description"], config="pt_unaccent"),
        AddSearchDocument("minutes", ["body"], config="pt_unaccent"),
        AddSearchDocument("decision", ["text"], config="pt_unaccent"),
    ]
