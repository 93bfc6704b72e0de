"""Meeting pages (under /reunioes/)."""

from django.urls import path

from governance.views import activity
from governance.views import meetings as views
from governance.views import minutes as minutes_views
from governance.views import participants as participation

app_name = "meetings"

meeting = "<int:meeting_id>/"
item = meeting + "pontos/<int:item_id>/"

urlpatterns = [
    path("", views.meeting_list_view, name="list"),
    path("nova/", views.meeting_create_view, name="create"),
    path("calendario/", participation.calendar_view, name="calendar"),
    path("calendario/<str:token>.ics", participation.calendar_feed_view, name="calendar_feed"),
    path(
        "acoes/<int:action_item_id>/estado/",
        minutes_views.action_item_status_view,
        name="action_item_status",
    ),
    path(meeting, views.meeting_view, name="meeting"),
    path(meeting + "reuniao.ics", participation.meeting_ics_view, name="meeting_ics"),
    path(meeting + "editar/", views.meeting_edit_view, name="edit"),
    path(meeting + "atividade/", activity.meeting_activity_view, name="activity"),
    path(meeting + "cancelar/", views.meeting_cancel_view, name="cancel"),
    path(meeting + "convocar/", views.meeting_convene_view, name="convene"),
    path(meeting + "realizada/", views.meeting_held_view, name="held"),
    path(meeting + "ordem-de-trabalhos/submeter/", views.agenda_submit_view, name="agenda_submit"),
    path(meeting + "ordem-de-trabalhos/aprovar/", views.agenda_approve_view, name="agenda_approve"),
    path(meeting + "pontos/novo/", views.item_create_view, name="item_create"),
    path(item, views.item_view, name="item"),
    path(item + "editar/", views.item_edit_view, name="item_edit"),
    path(item + "remover/", views.item_remove_view, name="item_remove"),
    path(item + "materiais/", participation.material_upload_view, name="material_upload"),
    path(
        meeting + "materiais/<int:material_id>/",
        participation.material_download_view,
        name="material",
    ),
    path(
        meeting + "materiais/<int:material_id>/remover/",
        participation.material_remove_view,
        name="material_remove",
    ),
    path(
        meeting + "especialistas/pedir/",
        participation.specialist_request_view,
        name="specialist_request",
    ),
    path(
        meeting + "especialistas/<int:request_id>/decidir/",
        participation.specialist_decide_view,
        name="specialist_decide",
    ),
    path(meeting + "convidados/", participation.guest_invite_view, name="guest_invite"),
    path(meeting + "presencas/", participation.attendance_view, name="attendance"),
    path(meeting + "ata/", minutes_views.minutes_view, name="minutes"),
    path(meeting + "ata/editar/", minutes_views.minutes_edit_view, name="minutes_edit"),
    path(meeting + "ata/presenca/", minutes_views.minutes_presence_view, name="minutes_presence"),
    path(meeting + "ata/historico/", minutes_views.minutes_history_view, name="minutes_history"),
    path(meeting + "ata/circular/", minutes_views.minutes_circulate_view, name="minutes_circulate"),
    path(meeting + "ata/aprovar/", minutes_views.minutes_approve_view, name="minutes_approve"),
    path(meeting + "ata/decisoes/", minutes_views.decision_add_view, name="decision_add"),
    path(meeting + "ata/acoes/", minutes_views.action_item_add_view, name="action_item_add"),
]
