"""What a partnership evaluates at the end of the programme, carried over from its bid as
it wrote it (never retyped): each expected outcome and each measure of success. Pure.

The bid asks for both as free text: each non-empty line is one item (a list marker such as
"-", "*", "•", "1." or "a)" in front is dropped), so a paragraph is one item and a list is
one item per line. A partnership without a bid (round 1's pilots) evaluates its priority
challenge as one item."""

import re
from dataclasses import dataclass

MARKER = re.compile(r"^\s*(?:[-*•–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")


@dataclass(frozen=True)
class Item:
    kind: str  # "outcome", "measure" or "challenge"
    text: str
    source: str


def split(text):
    """The items of one answer, in order: one per non-empty line, without a list marker."""
    lines = (MARKER.sub("", line).strip() for line in (text or "").splitlines())
    return [line for line in lines if line]


def from_answers(answers, challenge_title=""):
    """[Item] for a partnership: its bid's outcomes then its measures; else its challenge."""
    challenge = (answers or {}).get("challenge") or {}
    items = [
        Item("outcome", text, "Expected outcomes by the end of the programme (application)")
        for text in split(challenge.get("outcomes"))
    ] + [
        Item("measure", text, "How success will be measured (application)")
        for text in split(challenge.get("measures"))
    ]
    if not items and challenge_title:
        items = [Item("challenge", challenge_title, "The priority challenge")]
    return items
