"""Root URLs. Paths are Portuguese: they are read by the portal's users."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from governance import views as governance_views
from governance.forms import EmailAuthenticationForm
from governance.views import notifications as notification_views
from governance.views import security as security_views
from smartcities_portal import views
from strategy.api import api
from strategy.views import releases as release_views

account_patterns = [
    path(
        "entrar/",
        auth_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("sair/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "palavra-passe/recuperar/",
        auth_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "palavra-passe/recuperar/enviado/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "palavra-passe/nova/<uidb64>/<token>/",
        security_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "palavra-passe/nova/concluido/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("", security_views.account_view, name="account"),
    path(
        "segundo-fator/ativar/", security_views.second_factor_enrol_view, name="second_factor_enrol"
    ),
    path(
        "segundo-fator/verificar/",
        security_views.second_factor_verify_view,
        name="second_factor_verify",
    ),
    path(
        "segundo-fator/codigos/",
        security_views.second_factor_codes_view,
        name="second_factor_codes",
    ),
    path(
        "segundo-fator/desativar/",
        security_views.second_factor_remove_view,
        name="second_factor_remove",
    ),
    path(
        "notificacoes/",
        notification_views.notification_preferences_view,
        name="notification_preferences",
    ),
    path("convite/<str:token>/", governance_views.invitation_accept_view, name="invitation_accept"),
]

urlpatterns = [
    path("", views.landing_view, name="landing"),
    path("painel/", views.dashboard_view, name="dashboard"),
    path("pesquisa/", views.search_view, name="search"),
    path("mandato/", views.mandate_view, name="mandate"),
    path("grupo/", governance_views.working_group_view, name="working_group"),
    path("equipa/", include("governance.urls")),
    path("documentos/", include("strategy.urls")),
    path("contributos/", include("contributions.urls")),
    path("versoes/", include("strategy.urls.releases")),
    path("verificar/", release_views.verify_view, name="verify"),
    path("api/v1/", api.urls),
    path("reunioes/", include("governance.urls.meetings")),
    path("notificacoes/", include("governance.urls.notifications")),
    path("conta/", include(account_patterns)),
    path("acessibilidade", views.accessibility_view, name="accessibility"),
    path("privacidade", views.privacy_view, name="privacy"),
    path("healthz", views.healthz_view, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The words of the portal's scripts (the Markdown editor), from the djangojs catalogue.
    path("i18n/js/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
]
