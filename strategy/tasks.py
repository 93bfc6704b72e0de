"""Background work of the strategy app: rendering PDFs off the request path."""

from django.tasks import task

from strategy import services


@task()
def render_pdf_task(render_id: int) -> None:
    services.pdf_render_run(render_id=render_id)
