"""A deliverable's activity: section versions and comments, who and when."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core.activity import Source, activity_page
from strategy import permissions
from strategy.models import Comment, Section

KINDS = [("seccoes", _("Section")), ("comentarios", _("Comment"))]


@login_required
@require_GET
def deliverable_activity_view(request: HttpRequest, slug: str) -> HttpResponse:
    deliverable = permissions.deliverable_for_user_or_404(request.user, slug)
    visible = permissions.sections_visible_to(request.user, deliverable).values("pk")
    sources = [
        Source("seccoes", Section.history.filter(id__in=visible), "title"),
        Source(
            "comentarios",
            Comment.objects.filter(section__in=visible),
            "section__title",
            note="body",
            when="created_at",
            person="author_id",
            change=None,
        ),
    ]
    context = activity_page(request, sources, KINDS)
    context |= {"subject": deliverable.short_title, "back_url": deliverable.get_absolute_url()}
    return render(request, "core/activity.html", context)
