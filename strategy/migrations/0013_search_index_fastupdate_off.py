"""The search indexes take each write at once: a search no longer reads a pending list of
unmerged rows (see SearchIndexWithoutPendingList). Nothing happens on SQLite."""

from django.db import migrations

from core.text_search import SearchIndexWithoutPendingList


class Migration(migrations.Migration):
    dependencies = [("strategy", "0012_section_search_document")]

    operations = [SearchIndexWithoutPendingList("section")]
