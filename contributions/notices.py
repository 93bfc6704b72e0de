"""What the contributions services tell people, through ``governance``'s ``notify`` after the
commit: the receipt of a submission, a contribution to review, a decision."""

from django.db import transaction
from django.utils.translation import gettext as _

from contributions.models import Contribution, OrganisationContact
from governance import selectors as governance_selectors
from governance.models import Notification, User
from governance.services.notifications import notify

Kind = Notification.Kind


def _contacts(contribution: Contribution) -> list[User]:
    contacts = OrganisationContact.objects.filter(
        organisation_id=contribution.organisation_id
    ).select_related("user", "invitation__user")
    return [contact.person for contact in contacts if contact.person is not None]


def contribution_submitted(*, contribution: Contribution) -> None:
    """A receipt to the organisation's contacts, a notice to the secretariat."""
    link, title = contribution.get_absolute_url(), contribution.title
    receipt = _("We received your contribution «%(title)s»") % {"title": title}
    notice = _("New contribution submitted: «%(title)s»") % {"title": title}
    contacts = _contacts(contribution)
    secretariat = governance_selectors.people_with_permission("contributions.assign_reviewers")
    transaction.on_commit(
        lambda: notify(
            recipients=contacts, kind=Kind.CONTRIBUTION_SUBMITTED, text=receipt, link=link
        )
    )
    transaction.on_commit(
        lambda: notify(
            recipients=secretariat, kind=Kind.CONTRIBUTION_SUBMITTED, text=notice, link=link
        )
    )


def reviewer_assigned(*, contribution: Contribution, person: User, actor: User) -> None:
    text = _("Contribution given to you to review: «%(title)s»") % {"title": contribution.title}
    link = contribution.get_absolute_url()
    transaction.on_commit(
        lambda: notify(
            recipients=[person], kind=Kind.REVIEWER_ASSIGNED, text=text, link=link, exclude=actor
        )
    )


def contribution_decided(*, contribution: Contribution) -> None:
    """The contacts see the decision in the portal; its e-mail is the decision letter."""
    text = _("Your contribution «%(title)s»: %(decision)s") % {
        "title": contribution.title,
        "decision": contribution.get_state_display(),
    }
    link, contacts = contribution.get_absolute_url(), _contacts(contribution)
    transaction.on_commit(
        lambda: notify(
            recipients=contacts,
            kind=Kind.CONTRIBUTION_DECIDED,
            text=text,
            link=link,
            email=False,
        )
    )
