from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks

register = template.Library()


@register.simple_tag
def recording_panel_extras(request, recording):
    """What later stages (transcription, redaction) show under a recording, via the
    `ingest_recording_panel` hook, so this app never imports them."""
    return mark_safe(  # noqa: S308 - each hook returns HTML it rendered with autoescaping
        "".join(str(fn(request, recording)) for fn in hooks.get_hooks("ingest_recording_panel"))
    )
