from django import template

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
