"""The deliverables of n.º 2, their sections, versions, grants and comments; the principles."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
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
        # Each version records the principles it was saved with (history and diffs show them).
        m2m_fields=["principles"],
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
        permissions = [
            ("assign_section", _("Give and take section editors, readers and coordinators")),
            ("read_granted_sections", _("Read and comment on the sections one is granted")),
        ]

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
