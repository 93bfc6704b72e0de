"""The catalogue counts every submitted contribution by domain and region from this index alone."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0010_search_index_fastupdate_off"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="contribution",
            index=models.Index(
                condition=models.Q(("submitted_at__isnull", False)),
                fields=["domain", "region"],
                name="submitted_by_domain_region",
            ),
        ),
    ]
