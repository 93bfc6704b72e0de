"""The working group as Despacho n.º 1369-A/2022 defines it, and the people who use the portal."""

import hashlib
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from simple_history.models import HistoricalRecords


class WorkingGroup(models.Model):
    """The «Grupo de Trabalho da Estratégia Nacional de Smart Cities» (n.º 1): one row."""

    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    legal_basis_citation = models.CharField(_("publication"), max_length=300, blank=True)
    signed_on = models.DateField(_("signed on"))
    proposals_due = models.DateField(_("proposals due"))
    governance_due = models.DateField(_("governance structure due"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> "WorkingGroup":
        return cls.objects.get()


class EntityQuerySet(models.QuerySet):
    def with_seat_counts(self) -> "EntityQuerySet":
        """Annotate how many seats each entity has filled by active representatives."""
        return self.annotate(
            filled_seats=Count(
                "members",
                filter=Q(members__role=Role.REPRESENTATIVE, members__is_active=True),
            )
        )


class Entity(models.Model):
    """A government body that holds seats in the group (n.º 4 a)–j))."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    paragraph = models.CharField(_("paragraph of n.º 4"), max_length=2)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    is_secretariat = models.BooleanField(
        _("runs the secretariat"),
        default=False,
        help_text=_("EMPD gives technical, logistic and administrative support (n.º 8)."),
    )

    objects = EntityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["paragraph"]
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="entity_has_a_seat"),
            models.UniqueConstraint(
                fields=["is_secretariat"],
                condition=Q(is_secretariat=True),
                name="one_secretariat_entity",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("working_group") + f"#entidade-{self.code}"

    @property
    def vacant_seats(self) -> int:
        """Seats not held by an active representative (needs ``with_seat_counts()``)."""
        return max(self.seats - self.filled_seats, 0)

    def clean(self) -> None:
        super().clean()
        self.check_seats_cover_holders()

    def representatives_count(self, *, excluding: "User | None" = None) -> int:
        members = self.members.filter(role=Role.REPRESENTATIVE, is_active=True)
        if excluding is not None and excluding.pk:
            members = members.exclude(pk=excluding.pk)
        return members.count()

    def check_seat_available(self, *, excluding: "User | None" = None) -> None:
        """Refuse a representative beyond the entity's seat count (n.º 4)."""
        if self.representatives_count(excluding=excluding) >= self.seats:
            raise ValidationError(
                _("%(entity)s already has all its seats filled (%(seats)s)."),
                code="seat_full",
                params={"entity": self.short_name, "seats": self.seats},
            )

    def check_seats_cover_holders(self) -> None:
        """Refuse fewer seats than the active representatives who hold them (n.º 4)."""
        if self.pk is None or self.seats is None:
            return
        holders = self.representatives_count()
        if holders > self.seats:
            raise ValidationError(
                {
                    "seats": ValidationError(
                        ngettext_lazy(
                            "%(entity)s has %(holders)s active representative; it cannot have "
                            "fewer seats than that. Deactivate or move a representative first.",
                            "%(entity)s has %(holders)s active representatives; it cannot have "
                            "fewer seats than that. Deactivate or move a representative first.",
                            "holders",
                        ),
                        code="seats_below_holders",
                        params={"entity": self.short_name, "holders": holders},
                    )
                }
            )


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat (EMPD)")
    REPRESENTATIVE = "representative", _("Representative")
    SPECIALIST = "specialist", _("Technical specialist")
    ORGANISATION = "organisation", _("Organisation contact")
    GOVERNMENT = "government", _("Member of the Government")


#: Roles that must belong to a seat-holding entity.
ROLES_WITH_ENTITY = frozenset({Role.SECRETARIAT, Role.REPRESENTATIVE, Role.SPECIALIST})
#: The same, sorted: a frozenset's order changes between processes, a constraint's must not.
_ENTITY_ROLE_VALUES = sorted(role.value for role in ROLES_WITH_ENTITY)
#: Roles that form the working group itself and read its drafts.
MEMBER_ROLES = frozenset({Role.SECRETARIAT, Role.REPRESENTATIVE})


class UserQuerySet(models.QuerySet):
    def people_of_group(self) -> "UserQuerySet":
        """Active people who take part in the group's work; the superuser account never does."""
        return self.filter(is_active=True, is_superuser=False)

    def active_members(self) -> "UserQuerySet":
        """The secretariat and the representatives: the people who run and draft the work."""
        return self.people_of_group().filter(role__in=MEMBER_ROLES)

    def seat_holders(self) -> "UserQuerySet":
        """The representatives holding the seats of n.º 4: the members counted in the quorum."""
        return self.people_of_group().filter(role=Role.REPRESENTATIVE)

    def secretariat_staff(self) -> "UserQuerySet":
        """EMPD staff who support the group (n.º 8); they are not among its members."""
        return self.people_of_group().filter(role=Role.SECRETARIAT)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        fields.setdefault("role", Role.SECRETARIAT)
        if fields["role"] == Role.SECRETARIAT:
            fields.setdefault("entity", Entity.objects.get(is_secretariat=True))
        return self.create_user(email, password, **fields)


class User(AbstractUser):
    """A person who signs in with an e-mail address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(
        _("e-mail address"),
        unique=True,
        error_messages={"unique": _("A person with this e-mail address already exists.")},
    )
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role)
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("entity"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=_ENTITY_ROLE_VALUES, entity__isnull=False)
                | (~Q(role__in=_ENTITY_ROLE_VALUES) & Q(entity__isnull=True)),
                name="user_entity_matches_role",
                violation_error_message=_(
                    "Secretariat staff, representatives and specialists belong to an entity; "
                    "other people do not."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = type(self).objects.normalize_email(self.email).lower()
        check_role_and_entity(role=self.role, entity=self.entity, user=self)

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def get_full_name(self) -> str:
        return self.full_name

    def takes_part_as(self, roles) -> bool:
        """Whether this is an active person of the group with one of ``roles``.

        The superuser account administers the portal and is never a person of the group: it
        is not chosen as reviewer, presenter, owner, editor or coordinator, nor listed.
        """
        return self.is_active and not self.is_superuser and self.role in roles

    @property
    def holds_a_seat(self) -> bool:
        """A representative fills one of their entity's seats (n.º 4); a fact, not a permission:
        what a person may do is asked of the app's ``permissions.py``."""
        return self.role == Role.REPRESENTATIVE


def check_role_and_entity(*, role: str, entity: Entity | None, user: User | None = None) -> None:
    """Validate that a role and an entity go together and that a representative has a seat."""
    if role in ROLES_WITH_ENTITY and entity is None:
        raise ValidationError(
            {
                "entity": ValidationError(
                    _("Choose the entity this person belongs to."), code="entity_required"
                )
            }
        )
    if role not in ROLES_WITH_ENTITY and entity is not None:
        raise ValidationError(
            {
                "entity": ValidationError(
                    _("Only members of the group and specialists belong to an entity."),
                    code="entity_not_allowed",
                )
            }
        )
    if role == Role.SECRETARIAT and entity is not None and not entity.is_secretariat:
        raise ValidationError(
            {
                "entity": ValidationError(
                    _("Secretariat staff belong to the EMPD."), code="secretariat_entity"
                )
            }
        )
    if role == Role.REPRESENTATIVE and entity is not None and (user is None or user.is_active):
        try:
            entity.check_seat_available(excluding=user)
        except ValidationError as error:
            raise ValidationError({"entity": error}) from None


def _default_expiry():
    from django.conf import settings

    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class InvitationQuerySet(models.QuerySet):
    def pending(self, now: datetime | None = None) -> "InvitationQuerySet":
        """Invitations neither accepted nor revoked that have not expired (at ``now``, the
        present by default)."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now or timezone.now()
        )


class Invitation(models.Model):
    """A single-use, expiring invitation to join the portal with a role (and an entity)."""

    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role)
    entity = models.ForeignKey(
        Entity, verbose_name=_("entity"), on_delete=models.PROTECT, null=True, blank=True
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), default=_default_expiry)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    user = models.OneToOneField(
        User,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
    )

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
