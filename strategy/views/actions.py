"""Pages of the action plan's actions (under /documentos/plano-de-acao/acoes/): the table and the
calendar, and the forms where the secretariat and the plan's coordinators keep them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.confirm import Confirmation, confirm_then_act
from core.refusals import show_refusal
from strategy import documents, permissions, selectors, services
from strategy.forms import ActionIndicatorFormSet, PlanActionForm
from strategy.models import Deliverable, PlanAction
from strategy.permissions import Action


@login_required
@require_GET
def action_list_view(request: HttpRequest) -> HttpResponse:
    """The actions as a table and as a calendar (the table is the calendar's text alternative)."""
    plan = permissions.action_plan_for_user_or_404(request.user)
    actions = selectors.plan_actions(plan)
    return render(
        request,
        "strategy/action_list.html",
        {
            "deliverable": plan,
            "actions": actions,
            "timeline_rows": documents.action_rows(actions),
            "may_edit": permissions.can(request.user, Action.EDIT_ACTIONS, plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_create_view(request: HttpRequest) -> HttpResponse:
    plan = permissions.action_plan_for_user_or_404(request.user)
    permissions.require(request.user, Action.EDIT_ACTIONS, plan)
    return _action_form_page(request, plan, None)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit_view(request: HttpRequest, action_id: int) -> HttpResponse:
    action = permissions.plan_action_for_user_or_404(request.user, action_id)
    permissions.require(request.user, Action.EDIT_ACTIONS, action.deliverable)
    return _action_form_page(request, action.deliverable, action)


def _action_form_page(
    request: HttpRequest, plan: Deliverable, action: PlanAction | None
) -> HttpResponse:
    initial, indicator_rows = {}, []
    if action is not None:
        initial = {name: getattr(action, name) for name in services.ACTION_FIELDS}
        initial["involved_entities"] = list(action.involved_entities.all())
        indicator_rows = list(action.indicators.values("id", "name", "target", "unit"))
    data = request.POST if request.method == "POST" else None
    form = PlanActionForm(data, initial=initial)
    indicators = ActionIndicatorFormSet(data, initial=indicator_rows, prefix="indicadores")
    if data is not None:
        form_valid = form.is_valid()
        if not indicators.is_valid():
            form.add_error(
                None, indicators.non_form_errors() or _("Check the indicators and their targets.")
            )
        elif form_valid:
            fields = {**form.cleaned_data, "indicators": indicators.indicators()}
            try:
                if action is None:
                    saved = services.action_create(actor=request.user, **fields)
                else:
                    saved = services.action_update(actor=request.user, action=action, **fields)
            except ValidationError as error:
                show_refusal(form, error)
            else:
                messages.success(request, _("Action %(code)s saved.") % {"code": saved.code})
                return redirect(saved)
    return render(
        request,
        "strategy/action_form.html",
        {"deliverable": plan, "action": action, "form": form, "indicators": indicators},
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_delete_view(request: HttpRequest, action_id: int) -> HttpResponse:
    """Ask for confirmation, then remove the action (its history keeps the record)."""
    action = permissions.plan_action_for_user_or_404(request.user, action_id)
    permissions.require(request.user, Action.EDIT_ACTIONS, action.deliverable)
    return confirm_then_act(
        request,
        Confirmation(
            title=_("Remove action %(code)s") % {"code": action.code},
            question=_("Remove action %(code)s «%(title)s»?")
            % {"code": action.code, "title": action.title},
            details=[
                _(
                    "The action and its indicators leave the plan and its next PDFs. Releases "
                    "already published keep it, and its history stays in the records."
                )
            ],
            button=_("Remove the action"),
            danger=True,
            cancel_url=reverse("strategy:actions"),
            breadcrumbs="strategy/_breadcrumbs.html",
            context={"deliverable": action.deliverable, "section": None},
        ),
        act=lambda: services.action_delete(actor=request.user, action=action),
        done=_("Action %(code)s removed.") % {"code": action.code},
        next_url=reverse("strategy:actions"),
    )
