"""The deliverables of n.º 2, their sections, versions and comments, and the principles of n.º 3."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import (
    GroupObjectPermissionBase,
    UserObjectPermissionBase,
)
from simple_history.models import HistoricalRecords

SECTION_BODY_MAX_LENGTH = 200_000
COMMENT_MAX_LENGTH = 10_000


class Principle(models.Model):
    """One of the seven principles of n.º 3 a)–g) the proposals must rest on."""

    letter = models.CharField(_("letter"), max_length=1, unique=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text of the despacho"))

    class Meta:
        ordering = ["letter"]
        verbose_name = _("principle")
        verbose_name_plural = _("principles")

    def __str__(self) -> str:
        return f"{self.letter}) {self.title}"


class Deliverable(models.Model):
    """One of the three proposals of n.º 2 a)–c)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    letter = models.CharField(_("paragraph of n.º 2"), max_length=1, unique=True)
    title = models.CharField(_("title"), max_length=300)
    short_title = models.CharField(_("short title"), max_length=100)

    class Meta:
        ordering = ["letter"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        permissions = [("coordinate_deliverable", _("Coordinate the deliverable"))]

    def __str__(self) -> str:
        return self.short_title

    def get_absolute_url(self) -> str:
        return reverse("strategy:deliverable", kwargs={"slug": self.slug})


class Section(models.Model):
    """A part of a deliverable, in a tree; every save is a version (django-simple-history)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")

    deliverable = models.ForeignKey(
        Deliverable,
        verbose_name=_("deliverable"),
        on_delete=models.PROTECT,
        related_name="sections",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), blank=True, validators=[MaxLengthValidator(SECTION_BODY_MAX_LENGTH)]
    )
    status = models.CharField(_("state"), max_length=20, choices=Status, default=Status.DRAFT)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    word_count = models.PositiveIntegerField(_("words"), default=0)
    principles = models.ManyToManyField(
        Principle, verbose_name=_("principles served"), blank=True, related_name="sections"
    )
    # Declared here because strategy sits above governance: the agenda item's page reads its
    # sections through the reverse relation ``sections`` without importing strategy.
    agenda_items = models.ManyToManyField(
        "governance.AgendaItem",
        verbose_name=_("agenda items where it was discussed"),
        blank=True,
        related_name="sections",
    )
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(
        history_change_reason_field=models.TextField(null=True),
        excluded_fields=["word_count", "position", "parent", "updated_at", "updated_by"],
    )

    class Meta:
        ordering = ["deliverable", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="section_not_own_parent"
            ),
            models.CheckConstraint(condition=Q(revision__gte=1), name="section_revision_positive"),
        ]
        indexes = [models.Index(fields=["deliverable", "parent", "position"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "strategy:section", kwargs={"slug": self.deliverable.slug, "section_id": self.pk}
        )


class SectionUserObjectPermission(UserObjectPermissionBase):
    """Per-section grants (editors, specialists) in a table with a real foreign key."""

    content_object = models.ForeignKey(Section, on_delete=models.CASCADE)


class SectionGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Section, on_delete=models.CASCADE)


class DeliverableUserObjectPermission(UserObjectPermissionBase):
    """Per-deliverable grants (coordinators)."""

    content_object = models.ForeignKey(Deliverable, on_delete=models.CASCADE)


class DeliverableGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Deliverable, on_delete=models.CASCADE)


class Comment(models.Model):
    """A comment on a section, tied to the revision it was written on; replies form a thread."""

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="comments"
    )
    thread = models.ForeignKey(
        "self",
        verbose_name=_("thread"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    revision = models.PositiveIntegerField(_("written on revision"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=True) | Q(resolved_at__isnull=True),
                name="only_threads_are_resolved",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class SectionContribution(models.Model):
    """A contribution that informed a section, with a note (traceability).

    Declared here because strategy sits above contributions (DESIGN.md): the contribution's page
    reads its sections through the reverse relation ``section_links`` without importing strategy.
    """

    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="contribution_links",
    )
    contribution = models.ForeignKey(
        "contributions.Contribution",
        verbose_name=_("contribution"),
        on_delete=models.PROTECT,
        related_name="section_links",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    linked_at = models.DateTimeField(_("linked at"), default=timezone.now)

    class Meta:
        ordering = ["linked_at", "id"]
        verbose_name = _("contribution that informed a section")
        verbose_name_plural = _("contributions that informed sections")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "contribution"],
                name="section_contribution_linked_once",
                violation_error_message=_("This contribution is already linked to the section."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.contribution} → {self.section}"


class PdfRender(models.Model):
    """A PDF rendered from a frozen snapshot; identical content is rendered once (by its hash)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Layout(models.TextChoices):
        DELIVERABLE = "deliverable", _("Deliverable")
        COMPARISON = "comparison", _("Comparison of two releases")

    content_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    deliverable = models.ForeignKey(
        Deliverable, verbose_name=_("deliverable"), on_delete=models.PROTECT, related_name="renders"
    )
    layout = models.CharField(
        _("layout"), max_length=20, choices=Layout, default=Layout.DELIVERABLE
    )
    snapshot = models.JSONField(_("snapshot"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    pdf = models.FileField(_("PDF"), upload_to="pdf/", blank=True)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True, db_index=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("PDF")
        verbose_name_plural = _("PDFs")

    def __str__(self) -> str:
        return f"{self.deliverable} · {self.snapshot.get('label', '')} · {self.get_state_display()}"

    def get_absolute_url(self) -> str:
        return reverse("releases:pdf", kwargs={"content_hash": self.content_hash})

    @property
    def filename(self) -> str:
        label = self.snapshot.get("label", "").replace(" ", "-")
        return f"{self.deliverable.slug}-{label}.pdf"


class Release(models.Model):
    """A deliverable frozen at a moment: the exact section versions, its PDF and SHA-256.

    Built once and never changed: the portal offers no edit or delete, and the admin is read-only.
    """

    class Kind(models.TextChoices):
        WORKING_DRAFT = "working_draft", _("Working draft")
        FINAL = "final", _("Final")

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Members of the group")
        GOVERNMENT = "government", _("Members and the Government")
        PUBLIC = "public", _("Public")

    deliverable = models.ForeignKey(
        Deliverable,
        verbose_name=_("deliverable"),
        on_delete=models.PROTECT,
        related_name="releases",
    )
    label = models.CharField(
        _("version label"),
        max_length=20,
        validators=[
            RegexValidator(r"^v\d+\.\d+$", _("Write the label as v0.1, v1.0, v2.3…"), code="label")
        ],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    visibility = models.CharField(_("visible to"), max_length=20, choices=Visibility)
    issued_on = models.DateField(_("date"), default=timezone.localdate)
    render = models.ForeignKey(
        PdfRender, verbose_name=_("PDF"), on_delete=models.PROTECT, related_name="releases"
    )
    section_versions = models.ManyToManyField(
        Section.history.model, verbose_name=_("section versions"), related_name="releases"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        ordering = ["deliverable", "-published_at"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = [
            models.UniqueConstraint(fields=["deliverable", "label"], name="release_label_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.deliverable} {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("releases:detail", kwargs={"release_id": self.pk})

    @property
    def is_final(self) -> bool:
        return self.kind == self.Kind.FINAL


class ReleaseDownload(models.Model):
    """Who downloaded which release, when."""

    release = models.ForeignKey(
        Release, verbose_name=_("release"), on_delete=models.PROTECT, related_name="downloads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    downloaded_at = models.DateTimeField(_("downloaded at"), default=timezone.now)

    class Meta:
        ordering = ["-downloaded_at"]
        verbose_name = _("release download")
        verbose_name_plural = _("release downloads")

    def __str__(self) -> str:
        return f"{self.release} · {self.user or '—'} · {self.downloaded_at:%Y-%m-%d %H:%M}"


# The action plan (n.º 2 b)) ---------------------------------------------------------------------

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

    history = HistoricalRecords(excluded_fields=["position"])

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
