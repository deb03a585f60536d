"""The cache's SHA-256 (CPython's built-in one when present, so OpenSSL is not loaded on the hook
path) gives hashlib's digests: saved baselines' fingerprints must not change."""

from __future__ import annotations

import hashlib

import pytest

from pressqa.packs.cache import key, sha256


@pytest.mark.parametrize("data", [b"", b"abc", "Antony Blinken\x1f0".encode(), bytes(range(256)) * 100])
def test_the_built_in_sha256_is_hashlibs(data):
    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    one = sha256()
    one.update(data)
    assert one.hexdigest() == hashlib.sha256(data).hexdigest()


def test_cache_keys_are_sha256_of_their_parts():
    assert key("pack", b"x") == hashlib.sha256(b"pack\x00x\x00").hexdigest()
