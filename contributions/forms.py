"""Input validation for the contributions pages; the services do the work."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.pt import nif as portuguese_nif

from contributions.models import (
    SUMMARY_MAX_LENGTH,
    Call,
    Contribution,
    District,
    Organisation,
    Region,
)
from contributions.selectors import CatalogueFilters
from contributions.services import DECISIONS
from governance.forms.choosers import PersonChoiceField
from governance.models import MEMBER_ROLES

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, - list, [link](https://…). No HTML.")


class OrganisationForm(forms.ModelForm):
    nif = forms.CharField(
        label=_("NIF"),
        required=False,
        max_length=20,
        help_text=Organisation._meta.get_field("nif").help_text,
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "scope", "country", "nif"]

    def clean_nif(self) -> str:
        value = self.cleaned_data["nif"].strip()
        return portuguese_nif.compact(value) if value else ""


class ContactInviteForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class LisbonDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "title",
            "description",
            "opens_at",
            "closes_at",
            "accepts_initiatives",
            "accepts_best_practices",
            "accepts_principles",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "opens_at": LisbonDateTimeInput(),
            "closes_at": LisbonDateTimeInput(),
        }
        help_texts = {
            "description": MARKDOWN_HELP,
            "opens_at": _("Lisbon time."),
            "closes_at": _("Lisbon time. Submissions are refused from this moment on."),
        }


class ContributionForm(forms.ModelForm):
    """The fields common to the three kinds; each kind's form adds its own."""

    class Meta:
        model = Contribution
        fields = ["title", "summary", "body"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4, "maxlength": SUMMARY_MAX_LENGTH}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "summary": _("At most 1,000 characters."),
            "body": MARKDOWN_HELP,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in self.instance.required_fields():
            self.fields[name].required = True
        if "region" in self.fields:
            self.fields["region"].queryset = Region.objects.filter(
                level=Region.Level.NUTS3
            ).select_related("parent")
            self.fields["region"].label_from_instance = lambda region: (
                f"{region.name} ({region.parent.name})"
            )
        if "district" in self.fields:
            self.fields["district"].queryset = District.objects.order_by("code")
            self.fields["district"].help_text = _("Optional.")


class InitiativeForm(ContributionForm):
    class Meta(ContributionForm.Meta):
        fields = [
            *ContributionForm.Meta.fields,
            "municipality",
            "region",
            "district",
            "domain",
            "maturity",
            "technologies",
            "results",
            "link",
        ]
        widgets = {
            **ContributionForm.Meta.widgets,
            "technologies": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 4}),
        }


class BestPracticeForm(ContributionForm):
    class Meta(ContributionForm.Meta):
        fields = [*ContributionForm.Meta.fields, "country", "place", "source", "transferability"]
        widgets = {
            **ContributionForm.Meta.widgets,
            "source": forms.Textarea(attrs={"rows": 2}),
            "transferability": forms.Textarea(attrs={"rows": 4}),
        }


class PrincipleForm(ContributionForm):
    class Meta(ContributionForm.Meta):
        fields = [*ContributionForm.Meta.fields, "statement", "rationale"]
        widgets = {
            **ContributionForm.Meta.widgets,
            "statement": forms.Textarea(attrs={"rows": 3}),
            "rationale": forms.Textarea(attrs={"rows": 6}),
        }


FORM_FOR_KIND = {
    Contribution.Kind.INITIATIVE: InitiativeForm,
    Contribution.Kind.BEST_PRACTICE: BestPracticeForm,
    Contribution.Kind.PRINCIPLE: PrincipleForm,
}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG; at most 10 MB; at most 5 files."),
    )


class ReviewerForm(forms.Form):
    person = PersonChoiceField(label=_("Member of the group"), roles=MEMBER_ROLES)


class DecisionForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Decision"),
        choices=[(state.value, state.label) for state in DECISIONS],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when the contribution is partly accepted (what the group kept and why) "
            "or not retained (why not)."
        ),
    )
    feedback = forms.CharField(
        label=_("Feedback to the organisation"),
        help_text=_("Required when the contribution is partly accepted or not retained."),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters (GET); every one optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    # What is chosen is checked against these querysets when the form cleans (declared here,
    # not built for each form: a form is made on every visit to the catalogue).
    nuts2 = forms.ModelChoiceField(
        label=_("NUTS II region"),
        required=False,
        queryset=Region.objects.filter(level=Region.Level.NUTS2),
    )
    nuts3 = forms.ModelChoiceField(
        label=_("NUTS III region"),
        required=False,
        queryset=Region.objects.filter(level=Region.Level.NUTS3),
    )
    maturity = forms.ChoiceField(label=_("Maturity"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)
    call = forms.ModelChoiceField(
        label=_("Call"), required=False, queryset=Call.objects.order_by("-opens_at", "-id")
    )
    organisation_kind = forms.ChoiceField(label=_("Kind of organisation"), required=False)

    def __init__(
        self,
        *args,
        regions: Sequence[Region] | None = None,
        calls: Sequence[Call] | None = None,
        **kwargs,
    ) -> None:
        """``regions`` and ``calls``, as ``selectors.regions()`` and
        ``selectors.calls_to_filter_by()`` give them, when the page already read them: the
        choices are drawn from them instead of a query each (a form that is only cleaned, as
        for the exports, needs neither)."""
        super().__init__(*args, **kwargs)
        every = [("", _("(all)"))]
        self.fields["kind"].choices = every + Contribution.Kind.choices
        self.fields["domain"].choices = every + Contribution.Domain.choices
        self.fields["maturity"].choices = every + Contribution.Maturity.choices
        self.fields["state"].choices = every + [
            choice for choice in Contribution.State.choices if choice[0] != "draft"
        ]
        self.fields["organisation_kind"].choices = every + Organisation.Kind.choices
        for name in ("nuts2", "nuts3", "call"):
            self.fields[name].empty_label = _("(all)")
        if regions is not None:
            for name, level in (("nuts2", Region.Level.NUTS2), ("nuts3", Region.Level.NUTS3)):
                self.fields[name].choices = every + [
                    (region.pk, region.name) for region in regions if region.level == level
                ]
        if calls is not None:
            self.fields["call"].choices = every + [(call.pk, call.title) for call in calls]

    def clean(self) -> dict:
        data = super().clean()
        nuts2, nuts3 = data.get("nuts2"), data.get("nuts3")
        if nuts2 and nuts3 and nuts3.parent_id != nuts2.pk:
            self.add_error(
                "nuts3",
                forms.ValidationError(
                    _("%(nuts3)s is not in the NUTS II region %(nuts2)s."),
                    code="territory_mismatch",
                    params={"nuts3": nuts3.name, "nuts2": nuts2.name},
                ),
            )
        return data

    def filters(self) -> CatalogueFilters:
        """The valid filters; a refused one (shown on the form) is left out, not the rest."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return CatalogueFilters(
            kind=data.get("kind", ""),
            domain=data.get("domain", ""),
            nuts2=data.get("nuts2"),
            nuts3=data.get("nuts3"),
            maturity=data.get("maturity", ""),
            state=data.get("state", ""),
            call=data.get("call"),
            organisation_kind=data.get("organisation_kind", ""),
            text=data.get("q", ""),
        )
