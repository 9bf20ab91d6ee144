"""Originals encrypted at rest, each interview under its own data key.

Keys: an interview's data key is 32 random bytes, stored only wrapped (AES-256-GCM) by the
master key, which comes from the environment (`TESTIMONIO_MASTER_KEY`) and never from the
database or the repository. Erasing an interview deletes its wrapped key, after which no copy
of its files, backups included, can be read by anyone. `manage.py rotate_master_key` re-wraps
every data key under a new master key; the files themselves are not rewritten.

Files: each file gets its own key, derived from the data key and a random salt (HKDF-SHA256),
and is cut into 64 KiB chunks, each sealed with AES-256-GCM. A chunk's nonce is its number and
a flag marking the last chunk, so chunks cannot be reordered, dropped or cut off unnoticed
(the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár). Any byte range can be
read by decrypting only the chunks it touches, which is what HTTP Range playback needs.

    file  = MAGIC (8) | salt (16) | chunk 0 | chunk 1 | ... | last chunk
    chunk = AES-GCM(file key, nonce = index (11 bytes) | last (1 byte), plaintext) + tag (16)
"""

import base64
import hashlib
import io
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .readers import SizedReader

MAGIC = b"TSTMENC1"
SALT_BYTES = 16
HEADER_BYTES = len(MAGIC) + SALT_BYTES
CHUNK_BYTES = 64 * 1024
TAG_BYTES = 16
SEALED_CHUNK_BYTES = CHUNK_BYTES + TAG_BYTES
KEY_BYTES = 32
WRAP_VERSION = b"\x01"
WRAP_CONTEXT = b"testimonio data key"
MASTER_KEY_ID_BYTES = 8


class EncryptionError(Exception):
    """A file or key that cannot be decrypted; the message says why and what to do."""


class FileTampered(EncryptionError):
    pass


def _decode_master_key(value, name):
    try:
        key = base64.urlsafe_b64decode(value)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise ImproperlyConfigured(f"{name} must be 32 bytes in URL-safe base64 (44 characters).")
    return key


def master_key():
    value = getattr(settings, "TESTIMONIO_MASTER_KEY", "")
    if not value:
        raise ImproperlyConfigured(
            "TESTIMONIO_MASTER_KEY is not set. Originals are encrypted with it; generate one "
            'with `python -c "import base64, secrets; '
            'print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())"` and keep it '
            "outside the database and the repository (see docs/security.md, Keys)."
        )
    return _decode_master_key(value, "TESTIMONIO_MASTER_KEY")


def previous_master_keys():
    """Keys being rotated out: they still unwrap, never wrap (see `rotate_master_key`)."""
    values = getattr(settings, "TESTIMONIO_PREVIOUS_MASTER_KEYS", ())
    return [_decode_master_key(value, "TESTIMONIO_PREVIOUS_MASTER_KEYS") for value in values]


def _master_key_id(master):
    return hashlib.sha256(b"testimonio master key id" + master).digest()[:MASTER_KEY_ID_BYTES]


def new_data_key():
    """A fresh data key and its wrapped form (what the database keeps)."""
    key = os.urandom(KEY_BYTES)
    return key, wrap(key)


def wrap(key):
    master = master_key()
    nonce = os.urandom(12)
    sealed = AESGCM(master).encrypt(nonce, key, WRAP_CONTEXT)
    return WRAP_VERSION + _master_key_id(master) + nonce + sealed


def is_wrapped_by_current_master_key(wrapped):
    return bytes(wrapped)[1 : 1 + MASTER_KEY_ID_BYTES] == _master_key_id(master_key())


def unwrap(wrapped):
    wrapped = bytes(wrapped)
    key_id = wrapped[1 : 1 + MASTER_KEY_ID_BYTES]
    known = {_master_key_id(key): key for key in [master_key(), *previous_master_keys()]}
    if wrapped[:1] != WRAP_VERSION or key_id not in known:
        raise EncryptionError(
            "This data key was wrapped by a different master key: set TESTIMONIO_MASTER_KEY to "
            "the key the archive was created with (or, while rotating keys, name the old one in "
            "TESTIMONIO_PREVIOUS_MASTER_KEYS)."
        )
    nonce = wrapped[1 + MASTER_KEY_ID_BYTES : 13 + MASTER_KEY_ID_BYTES]
    try:
        return AESGCM(known[key_id]).decrypt(
            nonce, wrapped[13 + MASTER_KEY_ID_BYTES :], WRAP_CONTEXT
        )
    except InvalidTag as error:
        raise EncryptionError("A wrapped data key is damaged.") from error


def _file_cipher(data_key, salt):
    file_key = HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"testimonio file"
    ).derive(data_key)
    return AESGCM(file_key)


def _nonce(index, last):
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _read_fully(source, size):
    """`size` bytes, or fewer only at the end (a pipe or socket may return short reads)."""
    parts = []
    wanted = size
    while wanted > 0:
        part = source.read(wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
    return b"".join(parts)


def encrypt_stream(source, target, data_key):
    """Encrypt `source` into `target`; return the plaintext's (sha256 hex digest, size)."""
    salt = os.urandom(SALT_BYTES)
    cipher = _file_cipher(data_key, salt)
    target.write(MAGIC + salt)
    digest = hashlib.sha256()
    size = 0
    index = 0
    chunk = _read_fully(source, CHUNK_BYTES)
    while True:
        following = _read_fully(source, CHUNK_BYTES) if len(chunk) == CHUNK_BYTES else b""
        last = not following
        digest.update(chunk)
        size += len(chunk)
        target.write(cipher.encrypt(_nonce(index, last), chunk, None))
        if last:
            return digest.hexdigest(), size
        chunk = following
        index += 1


def is_encrypted(stored):
    """Whether a binary file, open at its start, begins as our encrypted files do."""
    return stored.read(len(MAGIC)) == MAGIC


class DecryptingReader(SizedReader):
    """A read-only, seekable view of an encrypted file's plaintext (for PyAV, Pillow, hashing
    and HTTP ranges), read from `stored`, a seekable binary file it closes when closed. Every
    chunk is authenticated before a byte of it is returned."""

    def __init__(self, stored, data_key, name):
        super().__init__()
        self._file = stored
        self._name = os.path.basename(name)
        try:
            header = self._file.read(HEADER_BYTES)
            if not header.startswith(MAGIC):
                raise EncryptionError(
                    f"{self._name} is not encrypted; run `python manage.py encrypt_originals`."
                )
            self._cipher = _file_cipher(data_key, header[len(MAGIC) :])
            sealed_size = self._file.seek(0, io.SEEK_END) - HEADER_BYTES
            self._chunks = max(1, -(-sealed_size // SEALED_CHUNK_BYTES))
            self.size = sealed_size - TAG_BYTES * self._chunks
            if self.size < 0:
                raise FileTampered(f"{self._name} is cut short.")
        except BaseException:
            self._file.close()
            raise
        self._position = 0
        self._cached_index = None
        self._cached = b""

    def _chunk(self, index):
        if index != self._cached_index:
            self._file.seek(HEADER_BYTES + index * SEALED_CHUNK_BYTES)
            sealed = self._file.read(SEALED_CHUNK_BYTES)
            last = index == self._chunks - 1
            try:
                self._cached = self._cipher.decrypt(_nonce(index, last), sealed, None)
            except InvalidTag as error:
                raise FileTampered(
                    f"{self._name} was changed after it was stored "
                    f"(chunk {index} fails authentication)."
                ) from error
            self._cached_index = index
        return self._cached

    def readinto(self, buffer):
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size=-1):
        end = self.size if size is None or size < 0 else min(self.size, self._position + size)
        parts = []
        while self._position < end:
            index, offset = divmod(self._position, CHUNK_BYTES)
            plain = self._chunk(index)
            part = plain[offset : offset + end - self._position]
            if not part:
                break
            parts.append(part)
            self._position += len(part)
        return b"".join(parts)

    def readall(self):
        return self.read()

    def close(self):
        self._file.close()
        super().close()
