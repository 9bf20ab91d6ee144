"""Redacted photos: pixels only. A new image is built from the decoded pixels, so no EXIF, XMP,
IPTC, GPS, ICC profile or JPEG comment of the original can survive, and each rectangle is
solid-filled or pixelated in blocks too coarse to recognise a face.

Wagtail's renditions (through Willow) keep the EXIF of the image they start from, which is why
photos are cleaned here, before anything public is made from them.
"""

from django.conf import settings
from PIL import Image, ImageOps

from .models import Fill

PIXEL_BLOCKS_ACROSS = 8  # a pixelated rectangle is at most 8 blocks wide


def clean_pixels(source):
    """The photo (a path or a binary file) as upright RGB pixels with nothing else attached."""
    with Image.open(source) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    longest = settings.TESTIMONIO_PUBLIC_PHOTO_MAX_PIXELS
    if max(upright.size) > longest:
        upright.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    return clean


def apply_rectangles(image, rectangles):
    width, height = image.size
    for rectangle in rectangles:
        box = (
            max(0, int(rectangle.x * width)),
            max(0, int(rectangle.y * height)),
            min(width, int(round((rectangle.x + rectangle.width) * width)) + 1),
            min(height, int(round((rectangle.y + rectangle.height) * height)) + 1),
        )
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        if rectangle.fill == Fill.PIXELATE:
            region = image.crop(box)
            across = max(1, min(PIXEL_BLOCKS_ACROSS, region.width // 4))
            down = max(1, round(across * region.height / region.width))
            coarse = region.resize((across, down), Image.Resampling.BOX)
            image.paste(coarse.resize(region.size, Image.Resampling.NEAREST), box[:2])
        else:
            image.paste((0, 0, 0), box)
    return image


def render_redacted_photo(source, target_path, rectangles):
    """Write the cleaned, redacted JPEG; return its (width, height)."""
    image = apply_rectangles(clean_pixels(source), rectangles)
    image.save(target_path, "JPEG", quality=85, optimize=True)
    return image.size
