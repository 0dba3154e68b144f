"""How search reads text: folding, words, apostrophes, stop words and word forms, in one place.

The index (content_build) and the query (search) must cut text into the same words, or they
never meet; so both call this module. The language's stemmer and stop words are chosen here
alone (`LANGUAGE`), so a second language is a new entry in `_STOP_WORDS` and a stemmer name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

LANGUAGE = "english"
# Apostrophes inside a word are dropped, so "can't", "can’t" and "cant" are one word.
_APOSTROPHES = re.compile(r"(?<=\w)['’ʼ`´](?=\w)")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD_SPAN = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)?", re.UNICODE)
# Words that carry no subject in a patient's question ("how much should I take for my ...").
# "magnesium" is one too when other words remain: nearly every record is about it.
_STOP_WORDS = {
    "english": frozenset(
        {
            "a",
            "an",
            "and",
            "are",
            "as",
            "at",
            "be",
            "by",
            "can",
            "could",
            "do",
            "does",
            "for",
            "from",
            "get",
            "got",
            "have",
            "how",
            "i",
            "im",
            "is",
            "it",
            "its",
            "me",
            "my",
            "of",
            "on",
            "or",
            "should",
            "so",
            "take",
            "taking",
            "than",
            "that",
            "the",
            "this",
            "to",
            "what",
            "when",
            "which",
            "with",
            "would",
            "you",
            "your",
            "much",
            "many",
            "magnesium",
            "mg",
            "best",
            "good",
        }
    ),
}


def fold(text: str) -> str:
    """Casefolded, accents removed, apostrophes inside words dropped."""
    if text.isascii():  # the common case, ten times faster than the general one
        return _APOSTROPHES.sub("", text.lower())
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", plain)


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    # Imported on first use: the content DB's staleness check imports this module too.
    import snowballstemmer

    return snowballstemmer.stemmer(LANGUAGE)


@lru_cache(maxsize=32768)
def stem(word: str) -> str:
    """The word's stem ("cramping" -> "cramp"), the same at index and at query time."""
    return str(_stemmer().stemWord(word))


def sentences(text: str) -> list[str]:
    """The sentences of a text, for snippets (split after . ! or ? and a space)."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def sentence_words(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for each word of a sentence, offsets into the sentence as
    written, so a snippet can mark the words it matched."""
    # Lowercasing ASCII keeps offsets, so the sentence is folded once, not word by word.
    plain = sentence.isascii()
    text = sentence.lower() if plain else sentence
    return [
        (m.start(), m.end(), m.group().replace("'", "") if plain else fold(m.group()))
        for m in _WORD_SPAN.finditer(text)
    ]


def is_stop_word(word: str) -> bool:
    return word in _STOP_WORDS[LANGUAGE]


def index_text(text: str) -> str:
    """What the FTS index stores for `text`: each word, followed by its stem where it differs."""
    out: list[str] = []
    for word in words(text):
        out.append(word)
        stemmed = stem(word)
        if stemmed != word:
            out.append(stemmed)
    return " ".join(out)


def content_words(text: str) -> list[str]:
    """The words of a query or phrase that say what it is about (stop words dropped)."""
    found = words(text)
    kept = [w for w in found if not is_stop_word(w)]
    return kept or found
