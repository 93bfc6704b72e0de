"""Strings of Django and its libraries that the portal shows and their pt catalogues leave in
English, give in Brazilian Portuguese, or make agree with the wrong gender.

Marked here so that ``make messages`` carries them into the project catalogue
(``locale/pt_PT``), which Django reads before its own: «- Select an option -» in every select,
the admin's «View», «O entidade … foi alterado» (a model's gender is not the message's). The
test that renders every page fails when one of these comes back in English. Nothing imports
this module: it exists for the extraction.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

FORMS = [
    gettext_noop("- Select an option -"),
    gettext_noop("Constraint “%(name)s” is violated."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    gettext_noop("Ensure this value is a multiple of step size %(limit_value)s."),
    gettext_noop("“%(value)s” value must be an integer."),
    gettext_noop("“%(value)s” is not a valid UUID."),
    gettext_noop("No %s matches the given query."),
]

#: django.tasks states, shown in the admin's task results.
TASKS = [
    gettext_noop("Ready"),
    gettext_noop("Running"),
    gettext_noop("Failed"),
    gettext_noop("Successful"),
]

ADMIN = [
    gettext_noop("View"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Logout"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was added successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    gettext_noop("Email"),
    gettext_noop("salt"),
    gettext_noop("hash"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
]

PLURALS = [
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
        "count",
    ),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", "count"),
    ngettext_lazy(
        "Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", "num"
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
]
