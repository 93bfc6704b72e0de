"""Calls for contributions, the contributions of the three kinds, reviewers and attachments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from contributions.countries import country_choices, country_name
from contributions.models.organisations import Organisation
from contributions.models.territory import District, Region
from contributions.validators import refuse_html, validate_web_link
from core.models import StoredFile
from core.uploads import FileKind

SUMMARY_MAX_LENGTH = 1_000
BODY_MAX_LENGTH = 50_000
TEXT_MAX_LENGTH = 5_000
MAX_ATTACHMENTS = 5


def _text(label, max_length: int = TEXT_MAX_LENGTH, **options) -> models.TextField:
    """A free text that refuses HTML and has an upper bound."""
    return models.TextField(
        label,
        blank=True,
        validators=[MaxLengthValidator(max_length), refuse_html],
        **options,
    )


class CallQuerySet(models.QuerySet):
    def open_at(self, moment) -> "CallQuerySet":
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)


class Call(models.Model):
    """A call for contributions, open between two instants (entered in Europe/Lisbon time)."""

    title = models.CharField(_("title"), max_length=200, validators=[refuse_html])
    description = _text(_("description"), max_length=BODY_MAX_LENGTH)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    accepts_initiatives = models.BooleanField(_("existing initiatives or solutions"), default=True)
    accepts_best_practices = models.BooleanField(_("best practices"), default=True)
    accepts_principles = models.BooleanField(_("principles"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = CallQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("call for contributions")
        verbose_name_plural = _("calls for contributions")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_it_opens",
                violation_error_message=_("A call must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(accepts_initiatives=True)
                | Q(accepts_best_practices=True)
                | Q(accepts_principles=True),
                name="call_accepts_a_kind",
                violation_error_message=_("A call must accept at least one kind of contribution."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("contributions:call", kwargs={"call_id": self.pk})

    def is_open(self, moment=None) -> bool:
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    def accepts(self, kind: str) -> bool:
        return {
            Contribution.Kind.INITIATIVE: self.accepts_initiatives,
            Contribution.Kind.BEST_PRACTICE: self.accepts_best_practices,
            Contribution.Kind.PRINCIPLE: self.accepts_principles,
        }.get(kind, False)

    @property
    def accepted_kinds(self) -> list["Contribution.Kind"]:
        return [kind for kind in Contribution.Kind if self.accepts(kind)]


class Contribution(models.Model):
    """One contribution of an organisation to a call; every save is a version."""

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("Existing initiative or solution")
        BEST_PRACTICE = "best_practice", _("Best practice")
        PRINCIPLE = "principle", _("Principle")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        NOT_RETAINED = "not_retained", _("Not retained")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Domain(models.TextChoices):
        """The six domains of the Estratégia Nacional para os Territórios Inteligentes."""

        GOVERNANCE = "governanca", _("Governance")
        SOCIETY = "sociedade", _("Society")
        MOBILITY = "mobilidade", _("Mobility")
        ENVIRONMENT = "ambiente", _("Environment")
        QUALITY_OF_LIFE = "qualidade_de_vida", _("Quality of life")
        ECONOMY = "economia", _("Economy")

    class Maturity(models.TextChoices):
        IDEA = "idea", _("Idea")
        PILOT = "pilot", _("Pilot")
        OPERATING = "operating", _("Operating")
        SCALED = "scaled", _("Scaled")

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="contributions"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.DRAFT)
    title = models.CharField(_("title"), max_length=200, validators=[refuse_html])
    summary = models.TextField(
        _("summary"), validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH), refuse_html]
    )
    body = _text(_("text"), max_length=BODY_MAX_LENGTH)

    # An existing initiative or solution
    municipality = models.CharField(
        _("municipality"), max_length=120, blank=True, validators=[refuse_html]
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("NUTS III region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": Region.Level.NUTS3},
        related_name="contributions",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Domain, blank=True)
    maturity = models.CharField(_("maturity"), max_length=20, choices=Maturity, blank=True)
    technologies = _text(_("technologies and standards used"))
    results = _text(_("results"))
    link = models.URLField(_("link"), max_length=500, blank=True, validators=[validate_web_link])

    # A best practice
    country = models.CharField(_("country"), max_length=2, blank=True, choices=country_choices)
    place = models.CharField(
        _("city or region"), max_length=200, blank=True, validators=[refuse_html]
    )
    source = _text(_("source"), max_length=1_000)
    transferability = _text(_("why it transfers to Portugal"))

    # A principle
    statement = _text(_("statement"), max_length=2_000)
    rationale = _text(_("rationale"))

    # Review
    decision_reason = _text(_("reason"))
    feedback = _text(_("feedback to the organisation"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # The revision an edit form starts from (core.editing): a stale save merges, never reverts.
    revision = models.PositiveIntegerField(_("revision"), default=1)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        permissions = [
            ("review_contribution", _("Review the contribution")),
            ("assign_reviewers", _("Assign reviewers to contributions")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state__in=["partly_accepted", "not_retained"])
                | (~Q(decision_reason="") & ~Q(feedback="")),
                name="partial_or_not_retained_is_explained",
                violation_error_message=_(
                    "A contribution partly accepted or not retained needs a reason and "
                    "feedback for the organisation."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind="initiative")
                | (Q(region__isnull=False) & ~Q(domain="") & ~Q(maturity="")),
                name="initiative_has_region_domain_and_maturity",
            ),
            models.CheckConstraint(
                condition=~Q(kind="best_practice") | ~Q(country=""),
                name="best_practice_has_a_country",
            ),
            models.CheckConstraint(
                condition=~Q(kind="principle") | ~Q(statement=""),
                name="principle_has_a_statement",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(submitted_at__isnull=False) | Q(state="withdrawn"),
                name="submitted_contribution_has_a_date",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "kind"]),
            models.Index(fields=["organisation", "state"]),
            # The catalogue's order: its first page is read from the index, not sorted.
            models.Index(fields=["-submitted_at", "-id"]),
            # The review queues (submitted, oldest first) and the catalogue filtered by state.
            models.Index(fields=["state", "submitted_at"]),
            # The catalogue's counts of every submitted one, by domain and region: read from the
            # index alone (PostgreSQL's index-only scan), not from the rows.
            models.Index(
                fields=["domain", "region"],
                condition=Q(submitted_at__isnull=False),
                name="submitted_by_domain_region",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("contributions:contribution", kwargs={"contribution_id": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def is_decided(self) -> bool:
        return self.state in {
            self.State.ACCEPTED,
            self.State.PARTLY_ACCEPTED,
            self.State.NOT_RETAINED,
        }

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    def required_fields(self) -> list[str]:
        """The fields this kind of contribution must fill in."""
        return {
            self.Kind.INITIATIVE: ["municipality", "region", "domain", "maturity"],
            self.Kind.BEST_PRACTICE: ["country", "place", "transferability"],
            self.Kind.PRINCIPLE: ["statement", "rationale"],
        }.get(self.kind, [])

    def clean(self) -> None:
        super().clean()
        missing = {
            name: ValidationError(_("This field is required."), code="required")
            for name in self.required_fields()
            if getattr(self, name if name != "region" else "region_id") in (None, "")
        }
        if missing:
            raise ValidationError(missing)
        self.check_territory()
        self.check_decision_explained()

    def check_territory(self) -> None:
        """The district and the NUTS III region must exist together; one district is derived.

        The NUTS II region is never stored: it is the NUTS III region's parent, so those two
        cannot disagree. A district only has to be one the region's municipalities lie in;
        when the region lies in a single district, that district is filled in.
        """
        if self.region_id is None:
            return
        districts = list(self.region.districts.all())
        if self.district_id is None:
            if len(districts) == 1:
                self.district = districts[0]
            return
        if districts and self.district_id not in {district.pk for district in districts}:
            raise ValidationError(
                {
                    "district": ValidationError(
                        _(
                            "The district of %(district)s is not in the NUTS III region "
                            "%(region)s. Choose one of: %(choices)s."
                        ),
                        code="territory_mismatch",
                        params={
                            "district": self.district.name,
                            "region": self.region.name,
                            "choices": ", ".join(district.name for district in districts),
                        },
                    )
                }
            )

    def check_decision_explained(self) -> None:
        """«Parcialmente aceite» and «Não retido» say why, and tell the organisation what next."""
        if self.state not in {self.State.PARTLY_ACCEPTED, self.State.NOT_RETAINED}:
            return
        errors = {}
        if not self.decision_reason.strip():
            errors["decision_reason"] = ValidationError(
                _("Say what the group kept and why.")
                if self.state == self.State.PARTLY_ACCEPTED
                else _("Say why the contribution is not retained."),
                code="reason_required",
            )
        if not self.feedback.strip():
            errors["feedback"] = ValidationError(
                _("Write the feedback the organisation will receive."), code="feedback_required"
            )
        if errors:
            raise ValidationError(errors)


class ContributionUserObjectPermission(UserObjectPermissionBase):
    """Per-contribution grants (reviewers) in a table with a real foreign key."""

    content_object = models.ForeignKey(Contribution, on_delete=models.CASCADE)


class ContributionGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Contribution, on_delete=models.CASCADE)


class Attachment(StoredFile):
    """A file attached to a contribution, recognised by content and stored under a random name."""

    contribution = models.ForeignKey(
        Contribution,
        verbose_name=_("contribution"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind_label = models.CharField(_("format"), max_length=10)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @classmethod
    def fields_for_kind(cls, kind: FileKind) -> dict:
        return {"kind_label": kind.label}

    def get_absolute_url(self) -> str:
        return reverse(
            "contributions:attachment",
            kwargs={"contribution_id": self.contribution_id, "attachment_id": self.pk},
        )
