"""Territory reference data: districts (ISO 3166-2:PT) and NUTS 2024 regions."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """A district or autonomous region of ISO 3166-2:PT (data migration 0002)."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """A NUTS II or NUTS III region of Portugal as of NUTS 2024 (data migration 0002)."""

    class Level(models.IntegerChoices):
        NUTS2 = 2, _("NUTS II")
        NUTS3 = 3, _("NUTS III")

    code = models.CharField(_("code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("NUTS II region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subregions",
    )
    districts = models.ManyToManyField(
        District,
        verbose_name=_("districts"),
        blank=True,
        related_name="nuts3_regions",
        help_text=_("The districts this NUTS III region's municipalities belong to."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=Q(level=2, parent__isnull=True) | Q(level=3, parent__isnull=False),
                name="nuts3_region_has_a_nuts2_parent",
            )
        ]

    def __str__(self) -> str:
        return self.name
