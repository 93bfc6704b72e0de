"""Organisations invited to contribute and the people who speak for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from contributions.countries import PORTUGAL, country_choices, country_name
from contributions.validators import refuse_html, validate_nif
from governance.models import Invitation


class Organisation(models.Model):
    """A public or private organisation invited to contribute (n.º 6, considerando G)."""

    class Kind(models.TextChoices):
        PUBLIC_ADMINISTRATION = "public_administration", _("Public administration")
        MUNICIPALITY = "municipality", _("Municipality or intermunicipal body")
        COMPANY = "company", _("Company")
        ASSOCIATION = "association", _("Association")
        ACADEMIA = "academia", _("Academia or research")
        OTHER = "other", _("Other")

    class Scope(models.TextChoices):
        NATIONAL = "national", _("National")
        INTERNATIONAL = "international", _("European or international")

    name = models.CharField(_("name"), max_length=200, validators=[refuse_html])
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    scope = models.CharField(_("national or international"), max_length=20, choices=Scope)
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    nif = models.CharField(
        _("NIF"),
        max_length=9,
        blank=True,
        validators=[validate_nif],
        help_text=_("Portuguese tax number (NIF/NIPC), nine digits; required for Portuguese ones."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(scope="national") | Q(country=PORTUGAL),
                name="national_organisation_is_portuguese",
                violation_error_message=_("A national organisation is a Portuguese one."),
            ),
            models.CheckConstraint(
                condition=~Q(country=PORTUGAL) | ~Q(nif=""),
                name="portuguese_organisation_has_a_nif",
                violation_error_message=_("A Portuguese organisation needs its NIF."),
            ),
            models.UniqueConstraint(
                fields=["nif"],
                condition=~Q(nif=""),
                name="one_organisation_per_nif",
                violation_error_message=_("An organisation with this NIF already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("contributions:organisation", kwargs={"organisation_id": self.pk})

    @property
    def country_name(self) -> str:
        return country_name(self.country)


class OrganisationContact(models.Model):
    """A person who speaks for an organisation (role «organisation»).

    governance sits below contributions and may not know about organisations, so the link is
    kept here. When the secretariat invites a contact from the organisation's page, this row
    holds the governance ``Invitation`` it sent (through governance's own invitation flow);
    governance's ``invitation_accept`` sets ``Invitation.user`` when the person sets a password,
    and from that moment ``selectors.organisation_of`` finds the organisation through
    ``invitation__user``: nothing has to be matched by e-mail or completed later. People who
    already have an account (the demo contact, an admin's fix) are linked by ``user`` directly.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="organisation_contact",
    )
    invitation = models.OneToOneField(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="organisation_contact",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["added_at"]
        verbose_name = _("organisation contact")
        verbose_name_plural = _("organisation contacts")
        permissions = [
            ("act_for_organisation", _("Act for the organisation one is the contact of")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(invitation__isnull=False),
                name="contact_is_a_person_or_an_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_email} ({self.organisation})"

    @property
    def person(self):
        """The account, once the person has one (directly or by accepting the invitation)."""
        if self.user_id:
            return self.user
        return self.invitation.user if self.invitation_id else None

    @property
    def person_email(self) -> str:
        return self.user.email if self.user_id else self.invitation.email
