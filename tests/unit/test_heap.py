"""The allocator setting that gives large freed blocks back at once (services.heap)."""

from __future__ import annotations

import ctypes
import platform
import sys

import pytest

from craftdesk.services import heap


def test_return_large_blocks_is_a_no_op_off_glibc(monkeypatch):
    monkeypatch.setattr(heap, "_done", False)
    monkeypatch.setattr(sys, "platform", "win32")
    assert heap.return_large_blocks() is False


@pytest.mark.skipif(
    sys.platform != "linux" or platform.libc_ver()[0] != "glibc", reason="glibc's allocator only"
)
def test_return_large_blocks_sets_glibc_once(monkeypatch):
    calls: list[tuple[int, int]] = []

    class FakeLibc:
        def __init__(self, name):
            assert name is None

        @property
        def mallopt(self):
            def mallopt(param, value):
                calls.append((param, value))
                return 1

            return mallopt

    monkeypatch.setattr(heap, "_done", False)
    monkeypatch.setattr(ctypes, "CDLL", FakeLibc)
    assert heap.return_large_blocks() is True
    assert heap.return_large_blocks() is True
    assert calls == [(-3, heap.MMAP_THRESHOLD), (-8, heap.ARENA_MAX)]
