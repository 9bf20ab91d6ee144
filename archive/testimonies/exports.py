"""Open exports of a published testimony: redacted only, built from what the gate publishes.

Each takes an `Export` (the page's published transcript, audio and index) and returns text.
Machine transcripts are labelled in every format. Formats: WebVTT (speakers as <v> voice
tags), SRT, plain text, JSON (segments and words with times), OHMS XML (<transcript> and
<sync>, the English translation as <transcript_alt> and <sync_alt>, index points, the MP3
rendition as media, elements in the order of the published OHMS schema), and a IIIF
Presentation 3 manifest for the audio (both renditions as a Choice) with the transcript as
supplementing annotations, the WebVTT captions linked as the IIIF cookbook's captions recipe
does, and the index as a table of contents (`structures`).
"""

import json
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

MACHINE_LABEL = "Machine transcript, not yet checked by an editor against the recording."
OHMS_NS = "https://www.weareavp.com/nunncenter/ohms"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
FORMATS = {
    "vtt": ("text/vtt", "vtt"),
    "srt": ("application/x-subrip", "srt"),
    "txt": ("text/plain", "txt"),
    "json": ("application/json", "json"),
    "ohms": ("application/xml", "xml"),
    "iiif": ("application/ld+json", "json"),
}


class NothingToExport(Exception):
    pass


@dataclass
class Export:
    page: object
    transcript: dict  # {"language", "machine", "segments": [{start, end, speaker, text, words}]}
    audio: list  # PublicFile, with absolute URLs
    base_url: str
    translation: dict | None = None  # the first transcript's published English translation

    @classmethod
    def of(cls, page, base_url):
        transcripts = page.published_transcripts(with_words=True)
        if not transcripts:
            raise NothingToExport(_("This testimony has no published transcript."))
        audio = [
            type(file)(
                base_url + file.url,
                file.duration,
                mp3_url=base_url + file.mp3_url if file.mp3_url else "",
            )
            for file in page.published_audio()
        ]
        translation = (
            transcripts[1] if len(transcripts) > 1 and transcripts[1]["translation"] else None
        )
        return cls(page, transcripts[0], audio, base_url.rstrip("/"), translation)

    @property
    def segments(self):
        return self.transcript["segments"]

    @property
    def duration(self):
        spoken = max((s["end"] for s in self.segments), default=0.0)
        return max(spoken, self.audio[0].duration if self.audio else 0.0)


def clock(seconds, separator="."):
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    whole, milliseconds = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{whole:02d}{separator}{milliseconds:03d}"


def _cue_text(text):
    """WebVTT cue text: markup characters escaped, no blank lines, no "-->"."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(escaped.split()).replace("--&gt;", "- -&gt;")


def _voice(speaker):
    return " ".join(speaker.replace("&", "&amp;").replace("<", "").replace(">", "").split())


def to_vtt(export):
    lines = ["WEBVTT", ""]
    notes = [export.page.title]
    if export.transcript["machine"]:
        notes.append(MACHINE_LABEL)
    lines += ["NOTE", *[" ".join(n.replace("-->", "- ->").split()) for n in notes], ""]
    for number, segment in enumerate(export.segments, start=1):
        text = _cue_text(segment["text"])
        if segment["speaker"]:
            text = f"<v {_voice(segment['speaker'])}>{text}"
        lines += [str(number), f"{clock(segment['start'])} --> {clock(segment['end'])}", text, ""]
    return "\n".join(lines)


def to_srt(export):
    blocks = []
    segments = export.segments
    if export.transcript["machine"]:
        first = segments[0]["start"] if segments else 0.0
        blocks.append((0.0, min(first, 2.0) or 0.5, f"[{MACHINE_LABEL}]"))
    for segment in segments:
        speaker = f"{segment['speaker']}: " if segment["speaker"] else ""
        blocks.append(
            (segment["start"], segment["end"], speaker + " ".join(segment["text"].split()))
        )
    return "\n".join(
        f"{number}\n{clock(start, ',')} --> {clock(end, ',')}\n{text}\n"
        for number, (start, end, text) in enumerate(blocks, start=1)
    )


def _transcript_lines(export, segments=None):
    return [
        (f"{s['speaker']}: " if s["speaker"] else "") + " ".join(s["text"].split())
        for s in (export.segments if segments is None else segments)
    ]


def to_txt(export):
    page = export.page
    header = [page.title, _("Told by %(name)s") % {"name": page.narrator_display_name}]
    if export.transcript["machine"]:
        header.append(MACHINE_LABEL)
    body = [
        f"[{clock(segment['start'])[:8]}] {line}"
        for segment, line in zip(export.segments, _transcript_lines(export), strict=True)
    ]
    return "\n".join([*header, "", *body, ""])


def to_json(export):
    page = export.page
    document = {
        "title": page.title,
        "narrator": page.narrator_display_name,
        "language": export.transcript["language"],
        "machine_generated": export.transcript["machine"],
        "note": MACHINE_LABEL if export.transcript["machine"] else "Checked by an editor.",
        "audio": [url for file in export.audio for url in (file.url, file.mp3_url) if url],
        "segments": [
            {
                "start": s["start"],
                "end": s["end"],
                "speaker": s["speaker"],
                "text": s["text"],
                "words": [
                    {"start": w[0], "end": w[1], "text": w[2], "probability": w[3]}
                    for w in s["words"]
                ],
            }
            for s in export.segments
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def ohms_sync(segments, duration):
    """The legacy OHMS <sync>: "1:" (one-minute steps) then, for each minute, the line and
    word (both 1-based, counting a "SPEAKER:" prefix) where that minute begins. A line is a
    segment, as in `_transcript_lines`."""
    marks = []
    for minute in range(1, int(duration // 60) + 1):
        at = minute * 60
        for line_number, segment in enumerate(segments, start=1):
            if segment["end"] <= at:
                continue
            starts = [word[0] for word in segment["words"]] or [segment["start"]]
            word = next((i for i, start in enumerate(starts, start=1) if start >= at), 1)
            prefix = len(f"{segment['speaker']}:".split()) if segment["speaker"] else 0
            marks.append(f"{line_number}({prefix + word})")
            break
    return "1:|" + "|".join(marks)


def _line_at(segments, lines, seconds):
    """The transcript line being spoken at `seconds` (or the next one)."""
    return next((line for s, line in zip(segments, lines, strict=True) if s["end"] > seconds), "")


def to_ohms(export):
    """One OHMS record, its elements in the order the OHMS schema's sequence requires."""
    page = export.page
    ET.register_namespace("", OHMS_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.Element(f"{{{OHMS_NS}}}ROOT", {f"{{{XSI_NS}}}schemaLocation": f"{OHMS_NS}/ohms.xsd"})

    def add(parent, name, text="", **attributes):
        element = ET.SubElement(parent, f"{{{OHMS_NS}}}{name}", attributes)
        element.text = text
        return element

    record = add(root, "record", id=str(page.pk), dt=timezone.localdate().isoformat())
    translation = export.translation
    add(record, "version", "6.0")
    date = page.interview_date.isoformat() if page.interview_date else ""
    add(record, "date", value=date, format="yyyy-mm-dd")
    add(record, "date_nonpreferred_format", page.interview_date_display or "")
    add(record, "title", page.title)
    add(record, "duration", clock(export.duration)[:8])
    add(record, "repository", settings.WAGTAIL_SITE_NAME)
    add(record, "interviewee", page.narrator_display_name)
    add(record, "sync", ohms_sync(export.segments, export.duration))
    if translation:
        add(record, "sync_alt", ohms_sync(translation["segments"], export.duration))
        add(record, "transcript_alt_lang", translation["language"])
    add(record, "translate", "1" if translation else "0")
    if export.audio:
        # The OHMS Viewer's player for host "Other" audio plays MP3, not Ogg.
        audio = export.audio[0]
        add(record, "media_url", audio.mp3_url or audio.url)
        mediafile = add(record, "mediafile")
        add(mediafile, "host", "Other")
        add(mediafile, "clip_format", "audio")
    add(record, "language", export.transcript["language"])
    add(record, "user_notes", MACHINE_LABEL if export.transcript["machine"] else "")
    index = add(record, "index")
    lines = _transcript_lines(export)
    alt_segments = translation["segments"] if translation else []
    alt_lines = _transcript_lines(export, alt_segments)
    for point in page.index_points.all():
        element = add(index, "point")
        add(element, "time", str(int(point.time_seconds)))
        add(element, "title", point.title)
        add(element, "title_alt", point.title_alt)
        add(element, "partial_transcript", _line_at(export.segments, lines, point.time_seconds))
        add(
            element, "partial_transcript_alt", _line_at(alt_segments, alt_lines, point.time_seconds)
        )
        add(element, "synopsis", point.synopsis)
        add(element, "synopsis_alt", point.synopsis_alt)
        add(element, "keywords", point.keywords)
        add(element, "keywords_alt", point.keywords_alt)
        add(element, "subjects", point.subjects)
        add(element, "subjects_alt", point.subjects_alt)
    add(record, "description", page.summary)
    add(record, "transcript", "\n".join(lines))
    if translation:
        add(record, "transcript_alt", "\n".join(alt_lines))
    add(record, "fmt", "audio")
    add(record, "userestrict", "0")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def to_iiif(export):
    page = export.page
    manifest_id = export.base_url + reverse("testimony_export", args=[page.pk, "iiif"])
    canvas_id = f"{manifest_id}/canvas/1"
    language = export.transcript["language"] or "none"
    label = MACHINE_LABEL if export.transcript["machine"] else "Transcript checked by an editor."
    canvas = {"id": canvas_id, "type": "Canvas", "duration": round(export.duration, 3) or 0.001}
    if export.audio:
        audio = export.audio[0]
        renditions = [(audio.url, "audio/ogg"), (audio.mp3_url, "audio/mpeg")]
        bodies = [
            {"id": url, "type": "Sound", "format": media_type, "duration": round(audio.duration, 3)}
            for url, media_type in renditions
            if url
        ]
        canvas["items"] = [
            {
                "id": f"{canvas_id}/page/1",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{canvas_id}/page/1/audio",
                        "type": "Annotation",
                        "motivation": "painting",
                        # A viewer plays the first rendition its browser can.
                        "body": {"type": "Choice", "items": bodies}
                        if len(bodies) > 1
                        else bodies[0],
                        "target": canvas_id,
                    }
                ],
            }
        ]
    captions_url = export.base_url + reverse("testimony_export", args=[page.pk, "vtt"])
    canvas["annotations"] = [
        {
            "id": f"{canvas_id}/captions",
            "type": "AnnotationPage",
            "items": [
                {
                    "id": f"{canvas_id}/captions/vtt",
                    "type": "Annotation",
                    "motivation": "supplementing",
                    "body": {
                        "id": captions_url,
                        "type": "Text",
                        "format": "text/vtt",
                        "label": {"en": ["Captions in WebVTT format"]},
                        "language": language,
                    },
                    "target": canvas_id,
                }
            ],
        },
        {
            "id": f"{canvas_id}/transcript",
            "type": "AnnotationPage",
            "items": [
                {
                    "id": f"{canvas_id}/transcript/{number}",
                    "type": "Annotation",
                    "motivation": "supplementing",
                    "body": {
                        "type": "TextualBody",
                        "value": line,
                        "format": "text/plain",
                        "language": language,
                    },
                    "target": f"{canvas_id}#t={segment['start']:.3f},{segment['end']:.3f}",
                }
                for number, (segment, line) in enumerate(
                    zip(export.segments, _transcript_lines(export), strict=True), start=1
                )
            ],
        },
    ]
    manifest = {
        "@context": "http://iiif.io/api/presentation/3/context.json",
        "id": manifest_id,
        "type": "Manifest",
        "label": {language: [page.title]},
        "summary": {language: [page.summary]},
        "metadata": [
            {"label": {"en": ["Narrator"]}, "value": {"none": [page.narrator_display_name]}},
            {"label": {"en": ["Transcript"]}, "value": {"en": [label]}},
        ],
        "items": [canvas],
    }
    if contents := _table_of_contents(export, manifest_id, canvas_id, language):
        manifest["structures"] = [contents]
    return json.dumps(manifest, ensure_ascii=False, indent=2)


def _table_of_contents(export, manifest_id, canvas_id, language):
    """The page's index points as IIIF Ranges, each from its time to the next point's (the
    cookbook's table of contents for A/V). Titles in both languages where the editor gave both:
    the other language is the site's other one."""
    points = list(export.page.index_points.all())
    if not points:
        return None
    other = next((code for code, _name in settings.LANGUAGES if code != language), None)
    ends = [point.time_seconds for point in points[1:]] + [export.duration]
    ranges = []
    for number, (point, end) in enumerate(zip(points, ends, strict=True), start=1):
        start, end = point.time_seconds, max(end, point.time_seconds)
        label = {language: [point.title]}
        if point.title_alt and other:
            label[other] = [point.title_alt]
        ranges.append(
            {
                "id": f"{manifest_id}/range/{number}",
                "type": "Range",
                "label": label,
                "items": [
                    {
                        "id": f"{canvas_id}#t={start:.3f},{end:.3f}",
                        "type": "Canvas",
                    }
                ],
            }
        )
    return {
        "id": f"{manifest_id}/range/index",
        "type": "Range",
        "label": {"en": ["Index"], "es": ["Índice"]},
        "items": ranges,
    }


RENDERERS = {
    "vtt": to_vtt,
    "srt": to_srt,
    "txt": to_txt,
    "json": to_json,
    "ohms": to_ohms,
    "iiif": to_iiif,
}


def render_export(page, fmt, base_url):
    return RENDERERS[fmt](Export.of(page, base_url))
