"""Models every app builds on: files people upload (meeting materials, attachments), who has an
object open for editing (presence), and forms posted after a session ended."""

from typing import Self

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import uploads


class StoredFile(models.Model):
    """A file recognised by its content, stored under a random name outside the static files and
    served only as a download, by a view that checks permission first."""

    file = models.FileField(_("file"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    @classmethod
    def store(
        cls, upload: UploadedFile, *, folder: str, uploaded_by: settings.AUTH_USER_MODEL, **fields
    ) -> Self:
        """Check the upload, keep it under a random name in ``folder`` and save its row.

        A refused upload raises ValidationError on ``file`` and leaves nothing stored.
        """
        try:
            kind = uploads.file_kind(upload)
        except ValidationError as error:
            raise ValidationError({"file": error}) from None
        record = cls(
            original_name=(upload.name or "")[-255:] or f"{folder}.{kind.extension}",
            content_type=kind.content_type,
            size=upload.size or 0,
            uploaded_by=uploaded_by,
            **cls.fields_for_kind(kind),
            **fields,
        )
        record.file.save(uploads.random_name(folder, kind), upload, save=False)
        try:
            record.full_clean()
            record.save()
        except Exception:
            record.file.delete(save=False)
            raise
        return record

    @classmethod
    def fields_for_kind(cls, kind: uploads.FileKind) -> dict:
        """Extra fields a subclass records from the recognised kind of file."""
        return {}

    def delete_with_file(self) -> None:
        """Delete the row now and the stored file once the transaction commits."""
        stored = self.file
        self.delete()
        transaction.on_commit(lambda: stored.delete(save=False))

    def download(self) -> FileResponse:
        return uploads.download_response(
            self.file, filename=self.original_name, content_type=self.content_type
        )


class Presence(models.Model):
    """A person has an object open in an edit form; refreshed by a heartbeat, stale after a while.

    Kept in the database, not in a per-process cache, so that every web process sees the same
    list; one row per person and object, overwritten by each heartbeat (core.presence).
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    seen_at = models.DateTimeField(_("last seen at"), default=timezone.now)

    class Meta:
        verbose_name = _("presence")
        verbose_name_plural = _("presences")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="presence_one_per_person"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "seen_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.content_type.model} {self.object_id}"


class StashedForm(models.Model):
    """What someone typed into a form and posted after their session had ended.

    Kept under a random token (also in a cookie of the same browser) until they sign in again
    and come back to the form, which then shows the text instead of losing it (core.stashed_forms).
    """

    token = models.CharField(_("token"), max_length=64, unique=True)
    path = models.CharField(_("address"), max_length=500)
    data = models.JSONField(_("posted fields"))
    created_at = models.DateTimeField(_("kept at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("form kept after a session ended")
        verbose_name_plural = _("forms kept after a session ended")

    def __str__(self) -> str:
        return f"{self.path} · {self.created_at:%Y-%m-%d %H:%M}"
