"""The allocator setting that gives large freed blocks back at once (services.heap)."""

from __future__ import annotations

import ctypes
import platform
import sys

import pytest

from craftdesk.services import heap


def test_share_one_heap_is_a_no_op_off_glibc(monkeypatch):
    monkeypatch.setattr(heap, "_done", False)
    monkeypatch.setattr(sys, "platform", "win32")
    assert heap.share_one_heap() is False


@pytest.mark.skipif(
    sys.platform != "linux" or platform.libc_ver()[0] != "glibc", reason="glibc's allocator only"
)
def test_share_one_heap_sets_glibc_once(monkeypatch):
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
    assert heap.share_one_heap() is True
    assert heap.share_one_heap() is True
    assert calls == [(-8, heap.ARENA_MAX)]
