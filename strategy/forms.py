"""Input validation for the drafting pages; the services do the work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import MEMBER_ROLES, AgendaItem, Role, User
from strategy.models import COMMENT_MAX_LENGTH, SECTION_BODY_MAX_LENGTH, Principle, Section


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
        self.fields["parent"].queryset = Section.objects.filter(
            deliverable_id=section.deliverable_id
        ).exclude(pk=section.pk)


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
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())

    def __init__(self, *args, roles=frozenset(MEMBER_ROLES | {Role.SPECIALIST}), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            User.objects.filter(is_active=True, role__in=roles)
            .select_related("entity")
            .order_by("full_name")
        )
        self.fields["person"].label_from_instance = lambda person: (
            f"{person.full_name} ({person.entity or person.get_role_display()})"
        )


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
