"""``{% action_timeline actions %}``: the action plan's calendar, for the page and the PDF."""

from collections.abc import Mapping, Sequence

from django import template
from django.utils.safestring import SafeString

from strategy.timeline import timeline_svg

register = template.Library()


@register.simple_tag
def action_timeline(
    actions: Sequence[Mapping], svg_id: str = "calendario-acoes", *, alt_in_title: bool = False
) -> SafeString:
    return timeline_svg(actions, svg_id=svg_id, alt_in_title=alt_in_title)
