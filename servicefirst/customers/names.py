"""Normalised names and their phonetic keys, shared by the services that store them and the search that reads them."""

import re
import unicodedata
from dataclasses import dataclass

import jellyfish

_NOT_LETTERS = re.compile(r"[^a-z ]+")


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes and hyphens dropped: "O'Brien-Lévy" -> "obrienlevy"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_LETTERS.sub("", ascii_text.lower().replace("-", "").replace("'", "")).strip()


def tokens(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    ascii_text = ascii_text.replace("'", "").replace("-", "")
    return [t for t in re.split(r"[^a-z]+", ascii_text) if t]


@dataclass(frozen=True)
class NameKeys:
    metaphone: str
    soundex: str


def name_keys(word: str) -> NameKeys:
    folded = fold(word).replace(" ", "")
    if not folded:
        return NameKeys("", "")
    return NameKeys(jellyfish.metaphone(folded).upper()[:20], jellyfish.soundex(folded))
