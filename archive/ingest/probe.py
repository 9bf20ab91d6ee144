"""What a file really is, decided from its content with PyAV and Pillow, never its name."""

import math
import warnings
from dataclasses import dataclass

import av
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image

# Container formats as FFmpeg names them -> the extension the stored original gets.
FORMAT_EXTENSIONS = {
    "wav": "wav",
    "mp3": "mp3",
    "flac": "flac",
    "ogg": "ogg",
    "mov,mp4,m4a,3gp,3g2,mj2": "mp4",
    "matroska,webm": "mkv",
    "aiff": "aiff",
    "avi": "avi",
    "aac": "aac",
    "amr": "amr",
    "asf": "wma",
    "mpeg": "mpg",
    "mpegts": "ts",
    "caf": "caf",
    "w64": "w64",
}

# Demuxers that would accept a still image or a text file as "media".
NOT_RECORDINGS = {"image2", "png_pipe", "jpeg_pipe", "webp_pipe", "gif", "tty", "srt", "ass"}


class UnreadableMedia(ValueError):
    """The file is not audio or video we can use; the message says why, for people."""


@dataclass(frozen=True)
class MediaInfo:
    container_format: str
    extension: str
    duration_seconds: float
    codec: str
    sample_rate: int
    channels: int
    has_video: bool


@dataclass(frozen=True)
class ImageInfo:
    format: str
    extension: str
    width: int
    height: int


def clock(seconds):
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"


def probe_recording(path):
    """Open the file with FFmpeg, demux every audio packet and decode the first few.

    Demuxing the whole file finds truncation and gives the real duration without decoding
    hours of audio; decoding the start proves the codec data is usable.
    """
    try:
        container = av.open(str(path), mode="r")
    except (av.error.FFmpegError, OSError, ValueError) as error:
        raise UnreadableMedia(_("This file is not audio or video that can be read.")) from error
    with container:
        format_name = container.format.name
        if format_name in NOT_RECORDINGS:
            raise UnreadableMedia(_("This file is not audio or video that can be read."))
        audio_streams = [s for s in container.streams if s.type == "audio"]
        if not audio_streams:
            raise UnreadableMedia(_("This file has no audio track."))
        audio = audio_streams[0]
        context = audio.codec_context
        has_video = any(
            s.type == "video" and not s.disposition & av.stream.Disposition.attached_pic
            for s in container.streams
        )
        end_seconds = 0.0
        decoded_frames = 0
        try:
            for packet in container.demux(audio):
                if packet.pts is not None and packet.duration is not None:
                    end = float((packet.pts + packet.duration) * packet.time_base)
                    end_seconds = max(end_seconds, end)
                if decoded_frames < 8:
                    decoded_frames += len(packet.decode())
        except av.error.FFmpegError as error:
            raise UnreadableMedia(
                _("The audio in this file is damaged and cannot be read.")
            ) from error
        if decoded_frames == 0:
            raise UnreadableMedia(_("The audio in this file is empty or damaged."))
        start = float(audio.start_time * audio.time_base) if audio.start_time else 0.0
        duration = end_seconds - start
        if not duration or not math.isfinite(duration):
            duration = float(container.duration or 0) / av.time_base
        if duration <= 0:
            raise UnreadableMedia(_("The audio in this file has no length."))
        limit = settings.TESTIMONIO_MAX_RECORDING_SECONDS
        if duration > limit:
            raise UnreadableMedia(
                _(
                    "This recording lasts %(length)s, longer than the %(limit)s the archive "
                    "accepts (TESTIMONIO_MAX_RECORDING_SECONDS); split it into parts."
                )
                % {"length": clock(duration), "limit": clock(limit)}
            )
        return MediaInfo(
            container_format=format_name,
            extension=FORMAT_EXTENSIONS.get(format_name, "bin"),
            duration_seconds=round(duration, 3),
            codec=context.name,
            sample_rate=context.sample_rate or 0,
            channels=context.channels or 0,
            has_video=has_video,
        )


def probe_image(path):
    """Check that a file is a real, reasonably sized image, without decoding a bomb."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.verify()
            with Image.open(path) as image:
                image.load()
                return ImageInfo(
                    format=image.format,
                    extension=(image.format or "bin").lower().replace("jpeg", "jpg"),
                    width=image.width,
                    height=image.height,
                )
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise UnreadableMedia(_("This image is too large to process safely.")) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise UnreadableMedia(_("This file is not an image that can be read.")) from error
