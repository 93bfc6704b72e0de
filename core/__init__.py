"""The portal's shared mechanisms, knowing no domain model.

``core`` is the bottom layer (see ../shared/DESIGN.md; the import-linter contract in
pyproject.toml keeps it there). It exists because the same mechanisms were written once per app
and drifted: two copies of the optimistic save (sections, minutes), five transition tables whose
permission actions were never read, dozens of hand-set history authors, several ways of showing
a refusal and of asking «are you sure?». Each is now written once, here, and every app uses it:

* ``editing`` — optimistic save against the form's base revision over every edited field, with
  three-way merge (merge3) and the conflict page's passages; one ``EditableFields`` per model.
* ``versions`` — ``save_version``/``delete_version``: every version says who and why.
* ``transitions`` — workflows as tables; ``transition()`` checks the move, asks the app's own
  permission check and records it.
* ``diff`` — fast, formatted, paragraph-grouped comparison with a Markdown source view.
* ``markup`` (Markdown to safe HTML), ``uploads`` and ``models.StoredFile`` (files people send),
  ``refusals`` (a service's refusal on a form or page), ``confirm`` (confirm, then act).

It imports no app of the portal; a person is ``settings.AUTH_USER_MODEL`` and a permission
check is a function the app passes in, so decisions stay in each app's ``permissions.py``.
"""
