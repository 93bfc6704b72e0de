"""PDFs of the deliverables and releases: frozen, never changed, their downloads logged."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from strategy.models.sections import Deliverable, Section


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
    sealed_at = models.DateTimeField(_("sealed at"), null=True, blank=True)
    sealed_by = models.CharField(_("sealing certificate"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    # The long chapters laid out without a page break before them: the deliverable's next render
    # starts from these decisions, so a re-export after an edit is laid out once (strategy.pdf).
    flow_on = models.JSONField(_("chapters flowing on"), default=list, blank=True)
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
    # When the current attempt started: a render still running long after this lost its worker.
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
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


def label_number(label: str) -> tuple[int, int]:
    """The label as numbers, so that v0.10 comes after v0.9 and v1.0 after both."""
    major, _dot, minor = label.removeprefix("v").partition(".")
    return int(major), int(minor)


def label_text(number: tuple[int, int]) -> str:
    return f"v{number[0]}.{number[1]}"


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
        permissions = [
            ("view_government_release", _("Download the releases shared with the Government")),
        ]
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

    @property
    def number(self) -> tuple[int, int]:
        return label_number(self.label)


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
