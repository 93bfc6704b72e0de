"""``{{ text|markdown }}``: Markdown rendered and sanitised (nh3 allowlist) in templates."""

from django import template
from django.utils.safestring import SafeString

from core.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text or "")
