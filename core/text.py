"""Counting words, one way for every page, form and export: a word is a run of
non-space characters. And the one cleaning of text PostgreSQL refuses."""

import re


def count_words(text):
    return len(re.findall(r"\S+", text or ""))


REFUSED_CHARACTERS = {0: None}  # str.translate table: NUL removed


def clean_text(value):
    """The text without the characters PostgreSQL's text and jsonb types refuse (NUL);
    anything that is not a string is returned as it is."""
    if isinstance(value, str) and "\x00" in value:
        return value.translate(REFUSED_CHARACTERS)
    return value
