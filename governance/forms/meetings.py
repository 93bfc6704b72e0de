"""Input validation for the meeting pages; the services check the rules and do the work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance import permissions
from governance.forms.choosers import PersonChoiceField
from governance.models import (
    MAX_ITEM_MINUTES,
    MEMBER_ROLES,
    MINUTES_MAX_LENGTH,
    ActionItem,
    AgendaItem,
    Attendance,
    Meeting,
    Role,
    User,
)
from governance.models.meetings import TEXT_MAX_LENGTH

DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts (Lisbon time)"),
        input_formats=DATETIME_INPUT_FORMATS,
        widget=DateTimeLocalInput(),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends (Lisbon time)"),
        input_formats=DATETIME_INPUT_FORMATS,
        widget=DateTimeLocalInput(),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    video_url = forms.URLField(
        label=_("Video-call link"), max_length=500, required=False, assume_scheme="https"
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confirm_overlap = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("place") and not data.get("video_url") and not self.has_error("video_url"):
            self.add_error(
                "place",
                forms.ValidationError(
                    _("Give a place, a video-call link or both."), code="no_place"
                ),
            )
        return data

    def ask_to_confirm_overlap(self) -> None:
        """Show the box that keeps a meeting that overlaps another."""
        field = self.fields["confirm_overlap"]
        field.widget = forms.CheckboxInput()
        field.label = _("Keep this meeting although it overlaps another")


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    duration_minutes = forms.IntegerField(
        label=_("Expected duration (minutes)"), min_value=1, max_value=MAX_ITEM_MINUTES
    )
    presenter = PersonChoiceField(label=_("Presenter"), roles=MEMBER_ROLES, required=False)


class AgendaItemEditForm(AgendaItemForm):
    position = forms.IntegerField(label=_("Order"), min_value=1)
    # The revision the edit started from (core.editing): a stale save merges, never reverts.
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MeetingEditForm(MeetingForm):
    # The revision the edit started from (core.editing): a stale save merges, never reverts.
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class _ItemsForm(forms.Form):
    items = forms.ModelMultipleChoiceField(
        label=_("Agenda items"),
        queryset=AgendaItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = meeting.items.order_by("position", "pk")
        self.fields["items"].label_from_instance = lambda item: f"{item.position}. {item.title}"


class SpecialistRequestForm(_ItemsForm):
    specialist = PersonChoiceField(label=_("Specialist"), roles={Role.SPECIALIST})
    field_order = ["specialist", "items"]

    def __init__(self, *args, meeting: Meeting, actor: User, **kwargs) -> None:
        super().__init__(*args, meeting=meeting, **kwargs)
        if not permissions.can(actor, permissions.Action.REQUEST_ANY_SPECIALIST):
            field = self.fields["specialist"]
            field.queryset = field.queryset.filter(entity_id=actor.entity_id)


class GuestInvitationForm(_ItemsForm):
    contact = PersonChoiceField(label=_("Organisation contact"), roles={Role.ORGANISATION})
    field_order = ["contact", "items"]


class MaterialForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG, at most 10 MB."),
    )


class AttendanceForm(forms.Form):
    """One status (and, for members, a substitute's name) per expected person."""

    def __init__(self, *args, expected: list, recorded: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for attendee in expected:
            person, capacity = attendee.person, attendee.capacity
            current = recorded.get(person.pk)
            choices = [("", _("(not recorded)"))] + [
                choice
                for choice in Attendance.Status.choices
                if capacity == Attendance.Capacity.MEMBER
                or choice[0] != Attendance.Status.REPRESENTED
            ]
            status_name, substitute_name = f"estado_{person.pk}", f"representante_{person.pk}"
            self.fields[status_name] = forms.ChoiceField(
                label=_("Attendance of %(name)s") % {"name": person.full_name},
                choices=choices,
                required=False,
                initial=current.status if current else "",
            )
            if capacity == Attendance.Capacity.MEMBER:
                self.fields[substitute_name] = forms.CharField(
                    label=_("Represented by (for %(name)s)") % {"name": person.full_name},
                    max_length=150,
                    required=False,
                    initial=current.represented_by if current else "",
                )
            self.rows.append((attendee, status_name, substitute_name))

    def bound_rows(self):
        for attendee, status_name, substitute_name in self.rows:
            yield {
                "person": attendee.person,
                "capacity": Attendance.Capacity(attendee.capacity),
                "items": attendee.items,
                "status": self[status_name],
                "substitute": self[substitute_name] if substitute_name in self.fields else None,
            }

    def groups(self) -> list[tuple[Attendance.Capacity, list[dict]]]:
        """The rows by capacity (members first); a capacity nobody has is left out."""
        rows = list(self.bound_rows())
        return [
            (capacity, [row for row in rows if row["capacity"] == capacity])
            for capacity in Attendance.Capacity
            if any(row["capacity"] == capacity for row in rows)
        ]

    def clean(self) -> dict:
        data = super().clean()
        for _attendee, status_name, substitute_name in self.rows:
            if data.get(status_name) == Attendance.Status.REPRESENTED and not data.get(
                substitute_name
            ):
                self.add_error(
                    substitute_name,
                    forms.ValidationError(_("Say who represented them."), code="represented_by"),
                )
        return data

    def recorded_rows(self) -> list[tuple[User, str, str]]:
        return [
            (attendee.person, self.cleaned_data[status], self.cleaned_data.get(substitute, ""))
            for attendee, status, substitute in self.rows
            if self.cleaned_data.get(status)
        ]


class MinutesForm(forms.Form):
    body = forms.CharField(
        label=_("Text of the minutes"),
        required=False,
        strip=False,
        max_length=MINUTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_("Markdown: # heading, **bold**, *italic*, - list."),
    )
    change_note = forms.CharField(label=_("Change note (optional)"), max_length=500, required=False)
    # Not bounded here: the service names a revision that never was in a clear message.
    base_revision = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Decision"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    item = forms.ModelChoiceField(
        label=_("On agenda item"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.order_by("position", "pk")


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=500)
    owner = PersonChoiceField(label=_("Owner"), roles=MEMBER_ROLES)
    due_on = forms.DateField(
        label=_("Due"), input_formats=["%Y-%m-%d", "%d/%m/%Y"], widget=DateInput()
    )


class ActionItemStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
