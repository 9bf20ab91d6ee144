import io


class SizedReader(io.RawIOBase):
    """A read-only, seekable file of `size` bytes that keeps its own position: the decrypted
    view of an original (encryption.py) and an object read by ranges (objects.py). A subclass
    sets `size` and reads from `_position`."""

    size = 0
    _position = 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def tell(self):
        return self._position

    def seek(self, offset, whence=io.SEEK_SET):
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._position = base + offset
        return self._position
