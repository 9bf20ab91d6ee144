"""Who speaks when, measured: diarization error rate and its cost in × real time.

Recordings (committed in benchmarks/diarization_audio/, with each turn's time range):
- interviews between two espeak-ng voices of different sex or accent, in English and Spanish;
- a LibriVox reader (Debian's pocketsphinx-testdata: five clips of one human voice) answering
  an espeak-ng interviewer;
- one voice alone, where any second speaker found is an error.
Each is transcribed by the default engine and diarized as a job does it (windows over the
words' speech, speakers estimated); the split segments are scored against the turns.

DER = (missed speech + false alarm + speaker confusion) / reference speech, in 10 ms frames,
with 0.25 s either side of every reference turn boundary left unscored (the usual collar), under
the best one-to-one mapping of found speakers to real ones. A speaker's segments less than 1 s
apart count as one turn, as the reference's turns include the pauses between sentences.
Baseline: no diarization (every word one speaker), scored the same way, in the same run.

Build (needs Debian's espeak-ng and pocketsphinx-testdata; the result is committed, and the
short two-voice fixture of tests/transcription is written by the same code):
    .venv/bin/python benchmarks/diarization.py --build
Run:
    .venv/bin/python benchmarks/diarization.py [--limit N] [--long MINUTES]
--long also diarizes one long interview made by repeating the first recording (and its
transcript, shifted) to MINUTES, for the cost and memory of the path long interviews take
(more windows than are clustered directly).
"""

import argparse
import itertools
import json
import os
import platform
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.test")

import django  # noqa: E402

django.setup()

from archive.transcription import diarization  # noqa: E402
from archive.transcription.audio import SAMPLE_RATE, decode_for_whisper, voiced_stretches  # noqa: E402
from benchmarks.spoken import silence, speak, transcribed, trimmed, write_ogg  # noqa: E402

AUDIO_DIR = ROOT / "benchmarks" / "diarization_audio"
FIXTURE = ROOT / "tests" / "transcription" / "audio" / "dialogue"
LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
COLLAR = 0.25
TURN_GAP = 1.0
GAPS = (0.35, 0.5, 0.3, 0.6, 0.45)

QUESTIONS = {
    "en": [
        "Thank you for talking with us today. Can you tell me where you grew up?",
        "What happened on the morning they stopped you?",
        "Did they ask you to do anything for them?",
        "How did your family take the news?",
        "What would you tell someone in the same situation?",
    ],
    "es": [
        "Gracias por hablar con nosotros hoy. ¿Dónde creció usted?",
        "¿Qué pasó la mañana en que lo detuvieron?",
        "¿Le pidieron que hiciera algo para ellos?",
        "¿Cómo recibió la noticia su familia?",
        "¿Qué le diría a alguien en la misma situación?",
    ],
}
ANSWERS = {
    "en": [
        "I grew up in a small town near the coast, and I moved to the city when I was nineteen "
        "to work in my uncle's shop.",
        "Two agents came into the store before we opened. They asked for my papers, and then "
        "they started asking about the people who live on my street.",
        "They wanted me to call them with names every week. They said that if I refused, they "
        "would start the paperwork to send me back.",
        "My wife cried all night. My son did not understand, he kept asking why the men were "
        "angry with his father.",
        "Talk to a lawyer before you say anything, and do not sign a paper you cannot read.",
    ],
    "es": [
        "Crecí en un pueblo pequeño cerca de la costa, y me vine a la ciudad a los diecinueve "
        "años para trabajar en la tienda de mi tío.",
        "Dos agentes entraron a la tienda antes de abrir. Me pidieron los papeles y después "
        "empezaron a preguntar por la gente que vive en mi calle.",
        "Querían que les llamara cada semana con nombres. Dijeron que si me negaba iban a "
        "empezar los trámites para deportarme.",
        "Mi esposa lloró toda la noche. Mi hijo no entendía, preguntaba por qué los señores "
        "estaban enojados con su papá.",
        "Que hable con un abogado antes de decir nada, y que no firme un papel que no puede leer.",
    ],
}
LIBRIVOX_QUESTIONS = [
    "Can you read us the first part, please?",
    "And how does the narrator describe him?",
    "Go on.",
    "What could have changed him?",
    "Is that how the chapter ends?",
]
# name, language, interviewer voice, narrator voice ("librivox": the human reader), speed
RECORDINGS = [
    ("en-us-f-en-gb-m", "en", "en-us+f3", "en-gb", 150),
    ("en-gb-f-en-029-m", "en", "en-gb+f4", "en-029", 145),
    ("es-419-f-es-m", "es", "es-419+f3", "es", 150),
    ("es-f-es-419-m", "es", "es+f4", "es-419+m3", 155),
    ("librivox-en-us-f", "en", "en-us+f3", "librivox", 150),
    ("librivox-en-gb-m", "en", "en-gb-scotland", "librivox", 145),
    ("one-voice-en", "en", "en-us", "en-us", 150),
    ("one-voice-es", "es", "es-419", "es-419", 150),
    ("one-voice-librivox", "en", "librivox", "librivox", 150),
]


def librivox_clips():
    clips = []
    for path in sorted(LIBRIVOX.glob("*.wav")):
        with open(path, "rb") as source:
            clips.append(trimmed(decode_for_whisper(source)))
    return clips


def turns_of(language, interviewer, narrator):
    """(who, text or samples) in speaking order: the interviewer asks, the narrator answers."""
    if interviewer == narrator == "librivox":
        return [("narrator", clip) for clip in librivox_clips()]
    if narrator == "librivox":
        return [
            part
            for question, clip in zip(LIBRIVOX_QUESTIONS, librivox_clips(), strict=True)
            for part in (("interviewer", question), ("narrator", clip))
        ]
    return [
        part
        for question, answer in zip(QUESTIONS[language], ANSWERS[language], strict=True)
        for part in (("interviewer", question), ("narrator", answer))
    ]


def build_one(turns, voices, speed, path):
    chunks, reference, at = [], [], 0.0
    for number, (who, said) in enumerate(turns):
        samples = said if isinstance(said, np.ndarray) else speak(said, voices[who], speed)
        duration = len(samples) / SAMPLE_RATE
        reference.append({"speaker": who, "start": round(at, 3), "end": round(at + duration, 3)})
        gap = silence(GAPS[number % len(GAPS)])
        chunks += [samples, gap]
        at += duration + len(gap) / SAMPLE_RATE
    write_ogg(chunks, path)
    return reference, at


def build():
    AUDIO_DIR.mkdir(exist_ok=True)
    manifest = []
    for name, language, interviewer, narrator, speed in RECORDINGS:
        voices = {"interviewer": interviewer, "narrator": narrator}
        reference, seconds = build_one(
            turns_of(language, interviewer, narrator), voices, speed, AUDIO_DIR / f"{name}.ogg"
        )
        if interviewer == narrator:
            reference = [{**turn, "speaker": "interviewer"} for turn in reference]
        manifest.append(
            {"file": f"{name}.ogg", "language": language, "voices": voices, "turns": reference}
        )
        print(f"built {name} ({seconds:.1f} s)")
    (AUDIO_DIR / "manifest.json").write_text(json.dumps(manifest, indent=1))
    fixture_turns = [("interviewer", QUESTIONS["en"][1]), ("narrator", ANSWERS["en"][1])] * 2
    FIXTURE.parent.mkdir(exist_ok=True)
    reference, seconds = build_one(
        fixture_turns[:3], {"interviewer": "en-us+f3", "narrator": "en-gb"}, 155,
        FIXTURE.with_suffix(".ogg"),
    )  # fmt: skip
    FIXTURE.with_suffix(".json").write_text(json.dumps(reference, indent=1))
    print(
        f"built the test fixture {FIXTURE.with_suffix('.ogg').relative_to(ROOT)} ({seconds:.1f} s)"
    )


def frames(turns, total, key):
    """Per 10 ms frame: index of the speaker (by `key`) speaking, or -1."""
    out = np.full(total, -1)
    names = {}
    for turn in turns:
        index = names.setdefault(turn[key], len(names))
        out[int(turn["start"] * 100) : int(turn["end"] * 100)] = index
    return out, len(names)


def der(reference, hypothesis, seconds):
    """Diarization error rate with the collar, under the best speaker mapping."""
    total = int(seconds * 100) + 1
    truth, _ = frames(reference, total, "speaker")
    found, found_count = frames(hypothesis, total, "speaker")
    scored = np.ones(total, dtype=bool)
    for turn in reference:
        for edge in (turn["start"], turn["end"]):
            scored[max(0, int((edge - COLLAR) * 100)) : int((edge + COLLAR) * 100)] = False
    truth, found = truth[scored], found[scored]
    speech = (truth >= 0).sum()
    missed = ((truth >= 0) & (found < 0)).sum()
    false_alarm = ((truth < 0) & (found >= 0)).sum()
    speakers = max(found_count, truth.max(initial=-1) + 1)
    confusion = min(
        ((truth >= 0) & (found >= 0) & (np.array(mapping)[np.maximum(found, 0)] != truth)).sum()
        for mapping in itertools.permutations(range(speakers), found_count)
    )
    return {
        "der": (missed + false_alarm + confusion) / speech,
        "missed": missed / speech,
        "false_alarm": false_alarm / speech,
        "confusion": confusion / speech,
        "speech": speech,
    }


def as_turns(segments):
    """A speaker's consecutive segments less than TURN_GAP apart are one turn: the pause
    between two sentences of an answer is part of the answer, as in the reference."""
    turns = []
    for segment in segments:
        speaker = segment.get("speaker") or "one"
        if (
            turns
            and turns[-1]["speaker"] == speaker
            and segment["start"] - turns[-1]["end"] < TURN_GAP
        ):
            turns[-1]["end"] = max(turns[-1]["end"], segment["end"])
        else:
            turns.append({"speaker": speaker, "start": segment["start"], "end": segment["end"]})
    return turns


def pooled(rows, column):
    """DER over all the rows' speech together, as corpora are scored."""
    speech = sum(row[column]["speech"] for row in rows)
    return sum(row[column]["der"] * row[column]["speech"] for row in rows) / speech


def long_interview(samples, segments, turns, minutes):
    """The recording repeated back to back to `minutes`, with its segments and turns shifted."""
    seconds = len(samples) / SAMPLE_RATE
    repeats = max(1, int(minutes * 60 // seconds))

    def shifted(items, by, key=None):
        out = []
        for item in items:
            moved = {**item, "start": item["start"] + by, "end": item["end"] + by}
            if "words" in item:
                moved["words"] = [[w[0] + by, w[1] + by, w[2], w[3]] for w in item["words"]]
            out.append(moved)
        return out

    return (
        np.tile(samples, repeats),
        [s for i in range(repeats) for s in shifted(segments, i * seconds)],
        [t for i in range(repeats) for t in shifted(turns, i * seconds)],
    )


def resident_mb():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def highest_memory_during(work):
    """Run work(); return its result and the highest resident memory above the start, in MB
    (sampled every 20 ms: the process's own peak is already set by Whisper)."""
    start, highest, done = resident_mb(), [0.0], threading.Event()

    def sample():
        while not done.is_set():
            highest[0] = max(highest[0], resident_mb() - start)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        return work(), highest[0]
    finally:
        done.set()
        sampler.join()


def run_long(recording, minutes):
    with open(AUDIO_DIR / recording["file"], "rb") as source:
        samples = decode_for_whisper(source)
    samples, segments, turns = long_interview(
        samples, transcribed(samples), recording["turns"], minutes
    )
    seconds = len(samples) / SAMPLE_RATE
    words = [word for segment in segments for word in segment["words"]]
    windows = len(diarization.window_starts(diarization.speech_regions(words), seconds))
    started = time.perf_counter()
    found, grown = highest_memory_during(
        lambda: diarization.diarize(samples, segments, recording["language"])
    )
    took = time.perf_counter() - started
    score = der(turns, as_turns(found.segments), seconds)
    print(
        f"\nlong interview: {recording['file']} repeated to {seconds / 60:.1f} min, "
        f"{len(segments)} segments, {windows} windows: {found.speakers} speakers found, "
        f"DER {score['der']:.3f}, "
        f"{took:.1f} s = {took / seconds:.3f}× real time, memory +{grown:.0f} MB at most"
    )


def run(limit=None, long_minutes=None):
    manifest = json.loads((AUDIO_DIR / "manifest.json").read_text())[:limit]
    started = time.perf_counter()
    diarization.voice_encoder()
    print(f"speaker encoder loaded in {time.perf_counter() - started:.2f} s")
    first_call = True
    rows, audio_seconds, diarize_seconds, detector_seconds = [], 0.0, 0.0, 0.0
    for recording in manifest:
        with open(AUDIO_DIR / recording["file"], "rb") as source:
            samples = decode_for_whisper(source)
        seconds = len(samples) / SAMPLE_RATE
        segments = transcribed(samples)
        started = time.perf_counter()
        found = diarization.diarize(samples, segments, recording["language"])
        took = time.perf_counter() - started
        started = time.perf_counter()
        voiced_stretches(samples)  # what every job also runs, for redaction's unheard speech
        detected = time.perf_counter() - started
        if first_call:
            print(f"first diarization in this process (JIT warm-up included): {took:.2f} s")
            first_call = False
        else:
            audio_seconds += seconds
            diarize_seconds += took
            detector_seconds += detected
        ours = der(recording["turns"], as_turns(found.segments), seconds)
        baseline = der(recording["turns"], as_turns(segments), seconds)
        real = len({turn["speaker"] for turn in recording["turns"]})
        rows.append((recording, seconds, real, found, ours, baseline))
    print(f"\n{'recording':24} {'voices':22} {'s':>5} {'real':>4} {'found':>5} {'silh.':>5} "
          f"{'DER':>6} {'miss':>6} {'FA':>6} {'conf':>6}   {'baseline DER':>12}")  # fmt: skip
    for recording, seconds, real, found, ours, baseline in rows:
        voices = " / ".join(dict.fromkeys(recording["voices"].values()))
        print(
            f"{recording['file'][:-4]:24} {voices:22} {seconds:5.1f} {real:4} {found.speakers:5} "
            f"{found.silhouette:5.2f} {ours['der']:6.3f} {ours['missed']:6.3f} "
            f"{ours['false_alarm']:6.3f} {ours['confusion']:6.3f}   {baseline['der']:12.3f}"
        )
    print()
    for voices in (2, 1):
        chosen = [row for row in rows if row[2] == voices]
        if chosen:
            worst = max(row[4]["der"] for row in chosen)
            print(
                f"{voices}-voice recordings, all speech pooled: DER {pooled(chosen, 4):.3f} "
                f"(baseline {pooled(chosen, 5):.3f}); worst recording {worst:.3f}"
            )
    if audio_seconds:
        print(
            f"diarization cost, warm: {diarize_seconds:.2f} s for {audio_seconds:.1f} s of audio"
            f" = {diarize_seconds / audio_seconds:.3f}× real time"
        )
        print(
            f"voice detector (Silero), warm: {detector_seconds:.2f} s for the same audio"
            f" = {detector_seconds / audio_seconds:.4f}× real time"
        )
    if long_minutes:
        run_long(manifest[0], long_minutes)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="speak the recordings again")
    parser.add_argument("--limit", type=int, help="only the first N recordings")
    parser.add_argument("--long", type=float, metavar="MINUTES", help="also a long interview")
    arguments = parser.parse_args()
    if arguments.build:
        build()
    else:
        run(arguments.limit, arguments.long)


if __name__ == "__main__":
    main()
