from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "strategy"
    verbose_name = _("Strategy")

    def ready(self) -> None:
        from core.work import stale_work_recoverer
        from strategy.services.releases import pdf_renders_recover_stale

        stale_work_recoverer("pdf_renders")(lambda cutoff: pdf_renders_recover_stale(cutoff=cutoff))
