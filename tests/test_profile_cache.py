"""langdetect's profiles kept in babelwire's cache folder: read back as langdetect built them, rebuilt when
the file is torn, and never needed for a run."""

from __future__ import annotations

import os

import numpy as np
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from ingest.detect import profile_cache


def _stock():
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def _assert_stock(loaded, stock):
    langs, words, matrix = loaded
    assert langs == stock.langlist
    assert words == list(stock.word_lang_prob_map)
    assert np.array_equal(matrix, np.array([stock.word_lang_prob_map[w] for w in words]))


def _cache_file():
    [found] = (p for p in (profile_cache.base_dir("XDG_CACHE_HOME") / "babelwire").iterdir() if p.suffix == ".npz")
    return found


def test_profiles_read_back_from_the_cache_are_langdetects_own():
    stock = _stock()
    _assert_stock(profile_cache.load(), stock)
    written = os.stat(_cache_file())
    _assert_stock(profile_cache.load(), stock)
    read = os.stat(_cache_file())
    assert (read.st_ino, read.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)  # read, not rebuilt


def test_a_torn_cache_file_is_rebuilt_from_langdetect():
    profile_cache.load()
    path = _cache_file()
    os.truncate(path, path.stat().st_size // 2)
    _assert_stock(profile_cache.load(), _stock())
    _assert_stock(profile_cache.load(), _stock())  # the rebuilt file reads back whole


def test_profiles_load_when_the_cache_folder_cannot_be_made(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    _assert_stock(profile_cache.load(), _stock())
    assert blocker.read_text() == "not a folder"
