"""Redacted photos: pixels only, no metadata of any kind, rectangles really covered."""

from types import SimpleNamespace

from PIL import Image

from archive.redaction.photos import render_redacted_photo

GPS_IFD = 0x8825


def photo_with_everything(path):
    """A JPEG carrying what phones write: EXIF with GPS, a comment, an ICC profile."""
    image = Image.new("RGB", (200, 100), (200, 180, 160))
    for x in range(200):
        for y in range(100):
            if (x // 10 + y // 10) % 2:
                image.putpixel((x, y), (20, 120, 220))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2024:01:02 03:04:05"  # DateTime
    exif[0x013B] = "Daniel Ortega Ruiz"  # Artist
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (36.0, 44.0, 0.0), 3: "W", 4: (119.0, 47.0, 0.0)})
    image.save(path, "JPEG", exif=exif, comment=b"Daniel at home", icc_profile=b"\0" * 128)
    return path


def test_no_metadata_survives_and_rectangles_cover(tmp_path):
    source = photo_with_everything(tmp_path / "original.jpg")
    assert Image.open(source).getexif().get_ifd(GPS_IFD)
    target = tmp_path / "clean.jpg"
    rectangles = [
        SimpleNamespace(x=0.0, y=0.0, width=0.25, height=0.5, fill="solid"),
        SimpleNamespace(x=0.5, y=0.5, width=0.5, height=0.5, fill="pixelate"),
    ]
    assert render_redacted_photo(source, target, rectangles) == (200, 100)
    clean = Image.open(target)
    assert not clean.getexif()
    assert "comment" not in clean.info and "icc_profile" not in clean.info
    assert "exif" not in clean.info and "xmp" not in clean.info
    raw = target.read_bytes()
    for secret in (b"Daniel", b"PhoneMaker", b"Exif"):
        assert secret not in raw
    solid = clean.crop((0, 0, 48, 48)).getcolors(48 * 48)
    assert max(count for count, colour in solid if max(colour) < 25) > 0.95 * 48 * 48
    # Pixelated: the 10-pixel checkerboard is gone, few coarse blocks remain.
    pixelated = clean.crop((104, 54, 196, 96)).convert("L")
    original = Image.open(source).crop((104, 54, 196, 96)).convert("L")
    assert _edges(pixelated) < _edges(original) / 3


def _edges(image):
    width, height = image.size
    pixels = image.load()
    return sum(
        abs(pixels[x, y] - pixels[x + 1, y]) > 40 for x in range(width - 1) for y in range(height)
    )
