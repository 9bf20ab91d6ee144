from django import template

register = template.Library()


@register.simple_tag
def published_photo(page, number):
    """The public copy of the page's photo `number`, or None when it may not be shown."""
    photos = page.published_photos()
    return photos[number - 1] if 0 < number <= len(photos) else None
