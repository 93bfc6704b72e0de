"""The floor of the bench: the cheapest signed-in page the portal's stack can serve."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_required
@require_GET
def floor_view(request: HttpRequest) -> HttpResponse:
    """Sign-in, every middleware and context processor, a one-line template: nothing else."""
    return render(request, "bench/floor.html")
