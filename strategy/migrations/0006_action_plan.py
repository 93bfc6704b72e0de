"""The action plan as data: actions with their entities, dates and indicators, and the members'
permissions on them (the policy in strategy/permissions.py narrows editing to the secretariat and
the plan's coordinators)."""

import datetime
import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

ACTION_PERMISSIONS = [
    "view_planaction", "add_planaction", "change_planaction", "delete_planaction",
    "view_actionindicator", "add_actionindicator", "change_actionindicator",
    "delete_actionindicator",
]
ROLE_PERMISSIONS = {"secretariat": ACTION_PERMISSIONS, "representative": ACTION_PERMISSIONS}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="strategy", codename__in=codenames)
        )


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0004_meeting_role_permissions'),
        ('strategy', '0005_sectioncontribution'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalPlanAction',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.CharField(db_index=True, error_messages={'unique': 'Another action already has this code.'}, max_length=20, validators=[django.core.validators.RegexValidator('^A\\d{1,2}\\.\\d{1,2}$', 'Write the code as A1.1, A2.3…', code='code')], verbose_name='code')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('objective', models.CharField(choices=[('oe1', 'Sustainable territories and climate action'), ('oe2', 'Multilevel collaboration and interoperability'), ('oe3', 'A competitive digital economy'), ('oe4', 'A portal of smart territories'), ('oe5', 'Leadership, talent and skills'), ('oe6', 'An international reference in infrastructure, data and services')], max_length=3, verbose_name='strategic objective')),
                ('start', models.DateField(verbose_name='start')),
                ('end', models.DateField(verbose_name='end')),
                ('funding', models.CharField(max_length=300, verbose_name='funding source')),
                ('state', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('completed', 'Completed'), ('suspended', 'Suspended')], default='planned', max_length=20, verbose_name='state')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('deliverable', models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'slug': 'plano-de-acao'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.deliverable', verbose_name='deliverable')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('responsible', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.entity', verbose_name='responsible entity')),
            ],
            options={
                'verbose_name': 'historical action',
                'verbose_name_plural': 'historical actions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='PlanAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(error_messages={'unique': 'Another action already has this code.'}, max_length=20, unique=True, validators=[django.core.validators.RegexValidator('^A\\d{1,2}\\.\\d{1,2}$', 'Write the code as A1.1, A2.3…', code='code')], verbose_name='code')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('objective', models.CharField(choices=[('oe1', 'Sustainable territories and climate action'), ('oe2', 'Multilevel collaboration and interoperability'), ('oe3', 'A competitive digital economy'), ('oe4', 'A portal of smart territories'), ('oe5', 'Leadership, talent and skills'), ('oe6', 'An international reference in infrastructure, data and services')], max_length=3, verbose_name='strategic objective')),
                ('start', models.DateField(verbose_name='start')),
                ('end', models.DateField(verbose_name='end')),
                ('funding', models.CharField(max_length=300, verbose_name='funding source')),
                ('state', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('completed', 'Completed'), ('suspended', 'Suspended')], default='planned', max_length=20, verbose_name='state')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('deliverable', models.ForeignKey(limit_choices_to={'slug': 'plano-de-acao'}, on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='strategy.deliverable', verbose_name='deliverable')),
                ('involved_entities', models.ManyToManyField(blank=True, related_name='involved_in_actions', to='governance.entity', verbose_name='entities involved')),
                ('responsible', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='led_actions', to='governance.entity', verbose_name='responsible entity')),
            ],
            options={
                'verbose_name': 'action',
                'verbose_name_plural': 'actions',
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalActionIndicator',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='indicator')),
                ('target', models.CharField(max_length=200, verbose_name='target')),
                ('unit', models.CharField(blank=True, max_length=50, verbose_name='unit')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('action', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.planaction', verbose_name='action')),
            ],
            options={
                'verbose_name': 'historical indicator',
                'verbose_name_plural': 'historical indicators',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ActionIndicator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='indicator')),
                ('target', models.CharField(max_length=200, verbose_name='target')),
                ('unit', models.CharField(blank=True, max_length=50, verbose_name='unit')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicators', to='strategy.planaction', verbose_name='action')),
            ],
            options={
                'verbose_name': 'indicator',
                'verbose_name_plural': 'indicators',
                'ordering': ['position', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='planaction',
            constraint=models.CheckConstraint(condition=models.Q(('start__lte', models.F('end'))), name='action_starts_before_it_ends', violation_error_code='end_before_start', violation_error_message='The action cannot end before it starts.'),
        ),
        migrations.AddConstraint(
            model_name='planaction',
            constraint=models.CheckConstraint(condition=models.Q(('end__lte', datetime.date(2025, 12, 31)), ('start__gte', datetime.date(2022, 1, 1))), name='action_inside_the_plan_period', violation_error_code='outside_plan', violation_error_message='Actions start and end between 2022 and 2025.'),
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
