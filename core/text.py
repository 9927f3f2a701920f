"""Counting words, one way for every page, form and export: a word is a run of
non-space characters."""

import re


def count_words(text):
    return len(re.findall(r"\S+", text or ""))
