"""The action plan 2022–2025 as data: actions with their indicators (n.º 2 b))."""

from datetime import date

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from strategy.models.sections import Deliverable

ACTION_PLAN_SLUG = "plano-de-acao"
PLAN_FIRST_DAY = date(2022, 1, 1)
PLAN_LAST_DAY = date(2025, 12, 31)


class StrategicObjective(models.TextChoices):
    """The six strategic objectives the actions serve (RCM n.º 176/2023)."""

    SUSTAINABLE_TERRITORIES = "oe1", _("Sustainable territories and climate action")
    MULTILEVEL_COLLABORATION = "oe2", _("Multilevel collaboration and interoperability")
    DIGITAL_ECONOMY = "oe3", _("A competitive digital economy")
    SMART_TERRITORIES_PORTAL = "oe4", _("A portal of smart territories")
    LEADERSHIP_AND_SKILLS = "oe5", _("Leadership, talent and skills")
    INTERNATIONAL_REFERENCE = (
        "oe6",
        _("An international reference in infrastructure, data and services"),
    )


class PlanAction(models.Model):
    """An action of the action plan 2022–2025, with its entities, dates and indicators.

    Named ``PlanAction`` because ``Action`` is the permission policy's vocabulary in every
    module of this app (``strategy.permissions.Action``).
    """

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        SUSPENDED = "suspended", _("Suspended")

    deliverable = models.ForeignKey(
        Deliverable,
        verbose_name=_("deliverable"),
        on_delete=models.PROTECT,
        related_name="actions",
        limit_choices_to={"slug": ACTION_PLAN_SLUG},
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(r"^A\d{1,2}\.\d{1,2}$", _("Write the code as A1.1, A2.3…"), code="code")
        ],
        error_messages={"unique": _("Another action already has this code.")},
    )
    title = models.CharField(_("title"), max_length=300)
    objective = models.CharField(_("strategic objective"), max_length=3, choices=StrategicObjective)
    responsible = models.ForeignKey(
        "governance.Entity",
        verbose_name=_("responsible entity"),
        on_delete=models.PROTECT,
        related_name="led_actions",
    )
    involved_entities = models.ManyToManyField(
        "governance.Entity",
        verbose_name=_("entities involved"),
        blank=True,
        related_name="involved_in_actions",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    funding = models.CharField(_("funding source"), max_length=300)
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.PLANNED)
    # Kept in code order by the services (A1.2 before A1.10); not part of an action's history.
    position = models.PositiveIntegerField(_("position"), default=0)
    # The revision an edit form starts from (core.editing): a stale save merges, never reverts.
    revision = models.PositiveIntegerField(_("revision"), default=1)

    history = HistoricalRecords(excluded_fields=["position"], m2m_fields=["involved_entities"])

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lte=models.F("end")),
                name="action_starts_before_it_ends",
                violation_error_code="end_before_start",
                violation_error_message=_("The action cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(start__gte=PLAN_FIRST_DAY, end__lte=PLAN_LAST_DAY),
                name="action_inside_the_plan_period",
                violation_error_code="outside_plan",
                violation_error_message=_("Actions start and end between 2022 and 2025."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:actions") + f"#acao-{self.pk}"


class ActionIndicator(models.Model):
    """How an action's progress is measured, and the target to reach."""

    action = models.ForeignKey(
        PlanAction, verbose_name=_("action"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=200)
    target = models.CharField(_("target"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.name}: {self.target}"
