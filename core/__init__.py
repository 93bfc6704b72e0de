"""The portal's shared mechanisms, knowing no domain model.

``core`` is the bottom layer (see ../shared/DESIGN.md): versioned editing with base revisions
and three-way merge, state transitions as tables, version recording, word diff, Markdown,
stored files, and the refusal and confirm-then-act view helpers. It imports no app of the
portal; a person is ``settings.AUTH_USER_MODEL``. Every app above may import it, so each
mechanism is written once instead of once per app.
"""
