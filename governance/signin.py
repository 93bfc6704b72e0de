"""How django-axes names the account a sign-in attempt was for (settings.AXES_USERNAME_CALLABLE)."""

from django.http import HttpRequest

from governance.models import User


def attempted_email(request: HttpRequest, credentials: dict | None) -> str | None:
    """The address typed, normalised as accounts store it, so «Ana@X» and «ana@x» count as one."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username")
    if raw is None:
        return None
    return User.objects.normalize_email(str(raw).strip()).lower()[:254]
