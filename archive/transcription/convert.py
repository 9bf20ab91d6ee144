"""Convert a CTranslate2 Whisper `model.bin` into an openai-whisper checkpoint.

Both engines can then run the very same weights, which is what makes their outputs comparable.
The binary layout (CTranslate2 model spec, version 6) is: uint32 version, string spec name,
uint32 revision, uint32 variable count; per variable: string name, uint8 rank, uint32 per
dimension, uint8 dtype id, uint32 byte count, raw bytes; then uint32 alias count and
(alias, target) string pairs. A string is a uint16 length (counting a trailing NUL) and bytes.
"""

import re
import struct

import numpy as np
import torch

DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}
BFLOAT16 = 5


class NotAWhisperModel(ValueError):
    pass


def _string(handle):
    (length,) = struct.unpack("<H", handle.read(2))
    return handle.read(length)[:-1].decode("utf-8")


def read_ctranslate2_variables(path):
    """Return {name: numpy array} with aliases resolved."""
    variables = {}
    with open(path, "rb") as handle:
        (version,) = struct.unpack("<I", handle.read(4))
        spec = _string(handle)
        if version != 6 or spec != "WhisperSpec":
            raise NotAWhisperModel(f"{path}: not a CTranslate2 Whisper model ({spec} v{version})")
        handle.read(4)  # spec revision
        (count,) = struct.unpack("<I", handle.read(4))
        for _ in range(count):
            name = _string(handle)
            rank = handle.read(1)[0]
            shape = struct.unpack(f"<{rank}I", handle.read(4 * rank))
            dtype = handle.read(1)[0]
            (size,) = struct.unpack("<I", handle.read(4))
            raw = handle.read(size)
            if dtype == BFLOAT16:
                bits = np.frombuffer(raw, dtype=np.uint16).astype(np.uint32) << 16
                array = bits.view(np.float32)
            else:
                array = np.frombuffer(raw, dtype=DTYPES[dtype])
            variables[name] = array.reshape(shape)
        (aliases,) = struct.unpack("<I", handle.read(4))
        for _ in range(aliases):
            alias, target = _string(handle), _string(handle)
            variables[alias] = variables[target]
    return variables


def _layer_count(variables, stack):
    pattern = re.compile(rf"^{stack}/layer_(\d+)/")
    return 1 + max(int(m.group(1)) for name in variables if (m := pattern.match(name)))


def _attention(state, prefix, source, *, stacked_qkv):
    """CTranslate2 fuses projections; openai-whisper keeps them apart and has no key bias."""
    out = {}
    if stacked_qkv:
        query, key, value = np.split(source[f"{prefix}/linear_0/weight"], 3)
        query_bias, _key_bias, value_bias = np.split(source[f"{prefix}/linear_0/bias"], 3)
        out_name = "linear_1"
    else:
        query, query_bias = source[f"{prefix}/linear_0/weight"], source[f"{prefix}/linear_0/bias"]
        key, value = np.split(source[f"{prefix}/linear_1/weight"], 2)
        _key_bias, value_bias = np.split(source[f"{prefix}/linear_1/bias"], 2)
        out_name = "linear_2"
    out.update(
        {
            "query.weight": query,
            "query.bias": query_bias,
            "key.weight": key,
            "value.weight": value,
            "value.bias": value_bias,
            "out.weight": source[f"{prefix}/{out_name}/weight"],
            "out.bias": source[f"{prefix}/{out_name}/bias"],
        }
    )
    return out


def _norm(source, prefix):
    return {"weight": source[f"{prefix}/gamma"], "bias": source[f"{prefix}/beta"]}


def _block(source, ct2, *, cross):
    parts = {}
    self_key = "self_attention"
    parts.update(
        {
            f"attn.{k}": v
            for k, v in _attention(parts, f"{ct2}/{self_key}", source, stacked_qkv=True).items()
        }
    )
    parts.update(
        {f"attn_ln.{k}": v for k, v in _norm(source, f"{ct2}/{self_key}/layer_norm").items()}
    )
    if cross:
        parts.update(
            {
                f"cross_attn.{k}": v
                for k, v in _attention(parts, f"{ct2}/attention", source, stacked_qkv=False).items()
            }
        )
        parts.update(
            {
                f"cross_attn_ln.{k}": v
                for k, v in _norm(source, f"{ct2}/attention/layer_norm").items()
            }
        )
    parts.update(
        {
            "mlp.0.weight": source[f"{ct2}/ffn/linear_0/weight"],
            "mlp.0.bias": source[f"{ct2}/ffn/linear_0/bias"],
            "mlp.2.weight": source[f"{ct2}/ffn/linear_1/weight"],
            "mlp.2.bias": source[f"{ct2}/ffn/linear_1/bias"],
        }
    )
    parts.update({f"mlp_ln.{k}": v for k, v in _norm(source, f"{ct2}/ffn/layer_norm").items()})
    return parts


def convert(model_bin_path):
    """Return an openai-whisper checkpoint dict ({"dims", "model_state_dict"}) for model.bin."""
    source = read_ctranslate2_variables(model_bin_path)
    encoder_layers = _layer_count(source, "encoder")
    decoder_layers = _layer_count(source, "decoder")
    state = {
        "encoder.conv1.weight": source["encoder/conv1/weight"],
        "encoder.conv1.bias": source["encoder/conv1/bias"],
        "encoder.conv2.weight": source["encoder/conv2/weight"],
        "encoder.conv2.bias": source["encoder/conv2/bias"],
        "encoder.positional_embedding": source["encoder/position_encodings/encodings"],
        "encoder.ln_post.weight": source["encoder/layer_norm/gamma"],
        "encoder.ln_post.bias": source["encoder/layer_norm/beta"],
        "decoder.token_embedding.weight": source["decoder/embeddings/weight"],
        "decoder.positional_embedding": source["decoder/position_encodings/encodings"],
        "decoder.ln.weight": source["decoder/layer_norm/gamma"],
        "decoder.ln.bias": source["decoder/layer_norm/beta"],
    }
    for i in range(encoder_layers):
        for key, value in _block(source, f"encoder/layer_{i}", cross=False).items():
            state[f"encoder.blocks.{i}.{key}"] = value
    for i in range(decoder_layers):
        for key, value in _block(source, f"decoder/layer_{i}", cross=True).items():
            state[f"decoder.blocks.{i}.{key}"] = value
    conv1 = source["encoder/conv1/weight"]
    dims = {
        "n_mels": int(conv1.shape[1]),
        "n_audio_ctx": int(source["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(conv1.shape[0]),
        "n_audio_head": int(source["encoder/num_heads"]),
        "n_audio_layer": encoder_layers,
        "n_vocab": int(source["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(source["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(source["decoder/embeddings/weight"].shape[1]),
        "n_text_head": int(source["decoder/num_heads"]),
        "n_text_layer": decoder_layers,
    }
    tensors = {name: torch.from_numpy(np.array(array, copy=True)) for name, array in state.items()}
    return {"dims": dims, "model_state_dict": tensors}
