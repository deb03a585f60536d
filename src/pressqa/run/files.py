"""Writing files so that a reader never sees half of one: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import stat
import tempfile

from pressqa.errors import InputError


def write_atomic(path: str, data: bytes, expect: os.stat_result | None = None, create: bool = False) -> None:
    """Replace the file at *path* with *data*: a temporary file in the same folder, then a rename.

    A symbolic link is followed: the file it points to is replaced and the link
    stays a link.  Permission bits (and owner, where allowed) are kept; a new
    file (only with *create*, which also makes its folder) gets the umask's
    permissions.  When *expect* is given and the file changed since it was
    taken, nothing is written.  A device, a FIFO or a stream (``/dev/stdout``,
    ``/dev/null``) is written to in place and never replaced.  Every failure is
    an :class:`InputError` naming the file.
    """
    real = os.path.realpath(path)
    try:
        current: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        current = None
        if not create:
            raise InputError(path, "cannot write: No such file or directory") from None
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    if path.startswith(("/dev/", "/proc/")) or (current is not None and not stat.S_ISREG(current.st_mode)):
        # A device, a FIFO or a stream (/dev/stdout): written to, never replaced by a file.
        if expect is not None:
            raise InputError(path, "not a regular file; not written")
        _write_stream(path, data)
        return
    if expect is not None and (current is None or (current.st_mtime_ns, current.st_size, current.st_ino) != (
        expect.st_mtime_ns, expect.st_size, expect.st_ino
    )):
        raise InputError(path, "changed on disk while it was being fixed; not written")
    folder = os.path.dirname(real) or "."
    try:
        if create:
            os.makedirs(folder, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".pressqa-tmp", dir=folder)
    except OSError as exc:
        raise InputError(path, f"cannot write a temporary file beside it: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if current is not None:
            os.chmod(tmp, stat.S_IMODE(current.st_mode))
            try:
                os.chown(tmp, current.st_uid, current.st_gid)
            except (OSError, AttributeError):
                pass  # not ours to give away; the permission bits are what matter
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 is not what a new report file should have
        os.replace(tmp, real)
    except BaseException as exc:
        # Whatever stops the write (a full disk, Ctrl-C, a signal turned into an exception),
        # the temporary file goes: an interrupted fix leaves no *.pressqa-tmp behind.
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
        raise


def _write_stream(path: str, data: bytes) -> None:
    # Append, not truncate: /dev/stdout redirected to a file must keep what was printed before.
    try:
        with open(path, "ab") as out:
            out.write(data)
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None


def write_text_atomic(path: str, text: str) -> None:
    """Write *text* (UTF-8) to *path* atomically, creating the file and its folder if need be."""
    write_atomic(path, text.encode("utf-8"), create=True)
