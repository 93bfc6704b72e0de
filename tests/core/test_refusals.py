"""A service's refusal shows on the field it names, at the top of the form, or on the page."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from core.refusals import show_refusal


class TitleForm(forms.Form):
    title = forms.CharField()


def test_a_refusal_naming_a_field_shows_next_to_it():
    form = TitleForm({"title": "Visão"})
    assert form.is_valid()
    show_refusal(form, ValidationError({"title": "Este título já existe."}))
    assert form.errors["title"] == ["Este título já existe."]


def test_a_refusal_naming_an_unknown_field_shows_at_the_top_of_the_form():
    form = TitleForm({"title": "Visão"})
    assert form.is_valid()
    show_refusal(form, ValidationError({"state": "Estado errado."}))
    assert form.non_field_errors() == ["Estado errado."]


def test_a_plain_refusal_keeps_its_code_at_the_top_of_the_form():
    form = TitleForm({"title": "Visão"})
    assert form.is_valid()
    show_refusal(form, ValidationError("A chamada está encerrada.", code="call_closed"))
    assert [error.code for error in form.non_field_errors().as_data()] == ["call_closed"]


def test_a_refusal_without_a_form_is_an_error_message_on_the_page():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    show_refusal(request, ValidationError(["Primeiro motivo.", "Segundo motivo."]))
    shown = list(get_messages(request))
    assert [str(message) for message in shown] == ["Primeiro motivo. Segundo motivo."]
    assert shown[0].level_tag == "error"
