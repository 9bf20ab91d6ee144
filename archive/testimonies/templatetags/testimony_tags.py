from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def published_photo(page, number):
    """The public copy of the page's photo `number`, or None when it may not be shown."""
    photos = page.published_photos()
    return photos[number - 1] if 0 < number <= len(photos) else None


@register.filter
def clock(seconds):
    """Seconds as m:ss, or h:mm:ss from an hour."""
    total = int(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, whole = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{whole:02d}" if hours else f"{minutes}:{whole:02d}"


@register.simple_tag
def transcript_items(segments, number=1):
    """The transcript's list items, built in one pass: a two-hour interview has 1,500 of them,
    and Django's template engine would spend most of the page's 200 ms budget on them alone.
    Every value from the transcript is escaped. Ids are `t-SECONDS` for the first transcript
    (what links to a moment aim at) and `tN-SECONDS` for a translation, each used once."""
    prefix = "t" if number == 1 else f"t{number}"
    items = []
    used = set()
    for segment in segments:
        anchor = segment["anchor"]
        element_id = f' id="{prefix}-{anchor}"' if anchor not in used else ""
        used.add(anchor)
        speaker = (
            f'<span class="transcript__speaker">{escape(segment["speaker"])}:</span> '
            if segment["speaker"]
            else ""
        )
        items.append(
            f'<li{element_id} data-start="{segment["start"]}" data-end="{segment["end"]}">'
            f'<a class="transcript__time" href="?t={anchor}#{prefix}-{anchor}" '
            f'data-seek="{segment["start"]}">{segment["clock"]}</a> {speaker}'
            f'<span class="transcript__text">{escape(segment["text"])}</span></li>'
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every transcript value escaped above
