"""Input validation for the drafting pages; the services do the work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.forms.choosers import DRAFTING_ROLES, PersonChoiceField
from governance.models import AgendaItem, Entity
from strategy.models import (
    COMMENT_MAX_LENGTH,
    PLAN_FIRST_DAY,
    PLAN_LAST_DAY,
    SECTION_BODY_MAX_LENGTH,
    PlanAction,
    Principle,
    Release,
    Section,
    StrategicObjective,
)
from strategy.selectors import sections_in_outline_order

MAX_VERIFY_BYTES = 50 * 1024 * 1024


class SectionCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)


class SectionEditForm(forms.Form):
    """The edit form carries the revision it started from, so a stale save is caught."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        strip=False,
        max_length=SECTION_BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 20, "class": "markdown-editor"}),
        help_text=_(
            "Markdown: # heading, **bold**, *italic*, - list, [link](https://…), > quote, tables."
        ),
    )
    principles = forms.ModelMultipleChoiceField(
        label=_("Principles this section serves (n.º 3)"),
        queryset=Principle.objects.order_by("letter"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    change_note = forms.CharField(
        label=_("Change note (optional)"),
        required=False,
        max_length=500,
        help_text=_("Say in a few words what you changed; it shows in the history."),
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SectionMoveForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=_("Place under"),
        queryset=Section.objects.none(),
        required=False,
        empty_label=_("(top level of the deliverable)"),
    )
    position = forms.IntegerField(
        label=_("Position among its new siblings"),
        min_value=1,
        help_text=_("1 puts it first."),
    )

    def __init__(self, *args, section: Section, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        places = sections_in_outline_order(section.deliverable_id, excluding=section)
        field = self.fields["parent"]
        field.queryset = Section.objects.filter(pk__in=[place.pk for place, _n in places])
        numbers = {place.pk: number for place, number in places}
        # The list reads like the outline: numbered and in its order, not by id.
        field.choices = [("", field.empty_label)] + [
            (place.pk, f"{number} {place.title}") for place, number in places
        ]
        field.label_from_instance = lambda place: f"{numbers[place.pk]} {place.title}"


class SectionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Section.Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )
    thread = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PersonChoiceForm(forms.Form):
    person = PersonChoiceField(label=_("Person"), roles=DRAFTING_ROLES)

    def __init__(self, *args, roles=DRAFTING_ROLES, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"] = PersonChoiceField(label=_("Person"), roles=roles)


class ReleaseForm(forms.Form):
    label = forms.RegexField(
        label=_("Version label"),
        regex=r"^v\d+\.\d+$",
        max_length=20,
        help_text=_("For example v0.1 for a working draft, v1.0 for the final version."),
        error_messages={"invalid": _("Write the label as v0.1, v1.0, v2.3…")},
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Release.Kind.choices, widget=forms.RadioSelect
    )
    visibility = forms.ChoiceField(
        label=_("Who may download it"), choices=Release.Visibility.choices, widget=forms.RadioSelect
    )


class VerifyForm(forms.Form):
    pdf = forms.FileField(label=_("PDF to check"))

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_VERIFY_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."), code="file_size")
        upload.seek(0)
        start = upload.read(1024)
        upload.seek(0)
        # A PDF starts with «%PDF-» (readers accept it within the first 1024 bytes).
        if b"%PDF-" not in start:
            raise forms.ValidationError(
                _("This file is not a PDF. Choose the PDF you downloaded from the portal."),
                code="not_pdf",
            )
        return upload


class SectionContributionForm(forms.Form):
    """Which section a contribution informed, and how (traceability)."""

    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        help_text=_("What the contribution brought to the section."),
    )

    def __init__(self, *args, sections, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections.select_related("deliverable").order_by(
            "deliverable__letter", "position", "id"
        )
        self.fields["section"].label_from_instance = lambda section: (
            f"{section.deliverable.short_title} — {section.title}"
        )


class SectionAgendaItemsForm(forms.Form):
    """The agenda items (of meetings not cancelled) where a section is discussed."""

    agenda_items = forms.ModelMultipleChoiceField(
        label=_("Agenda items where this section is discussed"),
        queryset=AgendaItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_items"].queryset = (
            AgendaItem.objects.exclude(meeting__state="cancelled")
            .select_related("meeting")
            .order_by("-meeting__starts_at", "position")
        )
        self.fields["agenda_items"].label_from_instance = lambda item: (
            f"{item.meeting.title} ({item.meeting.starts_at:%d/%m/%Y}) · "
            f"{item.position}. {item.title}"
        )


# The action plan ------------------------------------------------------------------------------


class PlanDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _inside_the_plan(day):
    if day is not None and not PLAN_FIRST_DAY <= day <= PLAN_LAST_DAY:
        raise forms.ValidationError(
            _("Choose a date between 1 January 2022 and 31 December 2025 (the plan's period)."),
            code="outside_plan",
        )
    return day


class PlanActionForm(forms.Form):
    """An action's sheet; its indicators come in ``ActionIndicatorFormSet`` beside it."""

    code = forms.RegexField(
        label=_("Code"),
        regex=r"^A\d{1,2}\.\d{1,2}$",
        max_length=20,
        help_text=_("The letter A and two numbers with a dot between them, as in A1.1."),
        error_messages={"invalid": _("Write the code as A1.1, A2.3…")},
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    objective = forms.ChoiceField(
        label=_("Strategic objective"), choices=[("", "—"), *StrategicObjective.choices]
    )
    responsible = forms.ModelChoiceField(
        label=_("Responsible entity"), queryset=Entity.objects.order_by("paragraph")
    )
    involved_entities = forms.ModelMultipleChoiceField(
        label=_("Entities involved"),
        queryset=Entity.objects.order_by("paragraph"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Besides the responsible entity."),
    )
    start = forms.DateField(
        label=_("Start"), widget=PlanDateInput(), help_text=_("Between 2022 and 2025.")
    )
    end = forms.DateField(
        label=_("End"), widget=PlanDateInput(), help_text=_("Between 2022 and 2025.")
    )
    funding = forms.CharField(
        label=_("Funding source"),
        max_length=300,
        help_text=_("For example PRR, Portugal 2030 or the State Budget."),
    )
    state = forms.ChoiceField(
        label=_("State"), choices=PlanAction.State.choices, initial=PlanAction.State.PLANNED
    )

    def clean_start(self):
        return _inside_the_plan(self.cleaned_data.get("start"))

    def clean_end(self):
        return _inside_the_plan(self.cleaned_data.get("end"))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error(
                "end",
                forms.ValidationError(
                    _("The action cannot end before it starts."), code="end_before_start"
                ),
            )
        responsible = data.get("responsible")
        if responsible is not None and responsible in data.get("involved_entities", []):
            self.add_error(
                "involved_entities",
                forms.ValidationError(
                    _("The responsible entity is not also listed among the entities involved."),
                    code="responsible_involved",
                ),
            )
        return data


class ActionIndicatorForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Indicator"), max_length=200)
    target = forms.CharField(label=_("Target"), max_length=200)
    unit = forms.CharField(label=_("Unit (optional)"), max_length=50, required=False)


class BaseActionIndicatorFormSet(forms.BaseFormSet):
    """An action's indicators: at least one; rows left blank are ignored, kept rows need both a
    name and a target; an existing indicator is removed with its «Remove» box."""

    default_error_messages = {
        "too_few_forms": _("Give the action at least one indicator with its target."),
        "too_many_forms": _("An action has at most %(num)d indicators."),
    }

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this indicator")

    def indicators(self) -> list[dict]:
        """The indicators kept, in order (blank extra rows and removed rows left out)."""
        return [
            {key: form.cleaned_data[key] for key in ("id", "name", "target", "unit")}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


ActionIndicatorFormSet = forms.formset_factory(
    ActionIndicatorForm,
    formset=BaseActionIndicatorFormSet,
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=20,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)
