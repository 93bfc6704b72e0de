"""Abstract models every app builds on: files people upload (meeting materials, attachments)."""

from typing import Self

from django.conf import settings
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
