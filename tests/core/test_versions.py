"""Every version says who made it and why; a delete leaves a last version naming who removed it."""

from core.versions import delete_version, save_version
from governance.models import Meeting
from tests import factories


def test_a_saved_version_records_its_author_and_note(secretariat, representative):
    meeting = factories.meeting(actor=secretariat)
    meeting.place = "Porto"
    save_version(meeting, actor=representative, note="  Mudança de sala  ", fields=["place"])
    version = meeting.history.latest()
    assert version.place == "Porto"
    assert version.history_user == representative
    assert version.history_change_reason == "Mudança de sala"


def test_only_the_named_fields_are_written(secretariat):
    meeting = factories.meeting(actor=secretariat)
    Meeting.objects.filter(pk=meeting.pk).update(title="Mudado por outra pessoa")
    meeting.place = "Porto"
    save_version(meeting, actor=secretariat, fields=["place"])
    meeting.refresh_from_db()
    assert (meeting.title, meeting.place) == ("Mudado por outra pessoa", "Porto")


def test_a_deletion_is_recorded_with_who_removed_it(secretariat):
    meeting = factories.meeting(actor=secretariat)
    item = factories.agenda_item(actor=secretariat, meeting=meeting)
    item_id = item.pk
    delete_version(item, actor=secretariat, note="Duplicado")
    last = type(item).history.filter(id=item_id).latest()
    assert last.history_type == "-"
    assert (last.history_user, last.history_change_reason) == (secretariat, "Duplicado")
