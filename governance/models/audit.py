"""The audit log: who signed in, failed, was locked out, changed a permission or downloaded a
non-public file, when and from where. Rows are written once and never edited."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditEventQuerySet(models.QuerySet):
    def newest_first(self) -> "AuditEventQuerySet":
        return self.select_related("actor").order_by("-at", "-pk")


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", pgettext_lazy("audit", "Sign-in")
        SIGN_IN_FAILED = "sign_in_failed", pgettext_lazy("audit", "Failed sign-in")
        SECOND_FACTOR_FAILED = (
            "second_factor_failed",
            pgettext_lazy("audit", "Wrong second-factor code"),
        )
        LOCKOUT = "lockout", pgettext_lazy("audit", "Lockout")
        UNLOCK = "unlock", pgettext_lazy("audit", "Unlock")
        SIGN_OUT = "sign_out", pgettext_lazy("audit", "Sign-out")
        SECOND_FACTOR_CHANGED = (
            "second_factor_changed",
            pgettext_lazy("audit", "Second factor changed"),
        )
        PERMISSION_CHANGED = "permission_changed", pgettext_lazy("audit", "Permission changed")
        GRANT_CHANGED = "grant_changed", pgettext_lazy("audit", "Object grant changed")
        DOWNLOAD = "download", pgettext_lazy("audit", "Download of a non-public file")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=30, choices=Kind, db_index=True)
    # SET_NULL keeps the record if the account is ever deleted; ``actor_email`` keeps the name.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_email = models.CharField(_("account"), max_length=254, blank=True)
    address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    target = models.CharField(_("what"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)
        # The sign-in policy lives beside the record of sign-ins so the user model stays as it
        # is; the role groups carry these (data migration) and superusers have them all.
        permissions = [
            ("require_second_factor", _("Must confirm each sign-in with a second factor")),
            ("expire_idle_session", _("Session ends after a short idle period")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.actor_email} · {self.at:%Y-%m-%d %H:%M}"
