"""An open question's answers: checking what a phone sends, and the room's words.

Nothing here knows Streamlit or a store. What a person types is hostile input: it is checked on
the phone (a clear message for each problem), kept as plain text, and grouped into the room's
words by a key that ignores case, punctuation at the ends of words and plurals. The projector
shows the words only from MIN_SHOWN answers; words on the blocked list never show, and the
presenter can hide any other word.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import emoji
import inflect

from sciatica_guide.workshop.quiz import MIN_SHOWN

#: The longest answer a phone may send, in characters.
MAX_ANSWER_CHARS = 60
#: The most words the projector shows (the rest are in the list below it).
MAX_SHOWN_WORDS = 30
#: Below this many different words, ranked bars: a cloud of a few words mostly shows how long
#: each word is, not how many phones gave it.
CLOUD_FROM_WORDS = 6
#: Sizes of a word in the cloud, 1 (fewest phones) to SIZES (most).
SIZES = 5

Problem = Literal["empty", "long", "no_words", "hidden_characters"]
#: Joiners and selectors that belong inside emoji and some scripts: not "hidden characters".
_ALLOWED_FORMAT = {"\u200c", "\u200d", "\ufe0e", "\ufe0f"}
#: Letter swaps people use to get a rude word past a filter.
_SWAPS = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)


@dataclass(frozen=True)
class Checked:
    """What a phone sent, as it may be stored (`text`), or why not (`problem`)."""

    text: str = ""
    problem: Problem | None = None
    #: The length of what was sent, for the "too long" message.
    length: int = 0


def check_answer(raw: object) -> Checked:
    """The answer a phone may send: trimmed, spaces made single, in Unicode's composed form."""
    return check_text(raw, MAX_ANSWER_CHARS)


def check_text(raw: object, limit: int) -> Checked:
    """Free text a phone may send (an answer, a question for the presenter), up to `limit`
    characters once trimmed."""
    if not isinstance(raw, str):
        return Checked(problem="empty")
    text = unicodedata.normalize("NFKC", raw)
    if any(_hidden(ch) for ch in text):
        return Checked(problem="hidden_characters")
    text = " ".join(text.split())
    if not text:
        return Checked(problem="empty")
    if len(text) > limit:
        return Checked(problem="long", length=len(text))
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        # Emoji, signs or punctuation alone: nothing to put in words.
        return Checked(problem="no_words")
    return Checked(text=text, length=len(text))


def _hidden(ch: str) -> bool:
    """A control or formatting character (a line break, a direction override, a zero-width
    space), which would change how the answer shows or hide what it says."""
    if ch in "\t\n\r ":
        return False  # spaces of any kind become one space
    category = unicodedata.category(ch)
    if category in ("Cc", "Co", "Cs", "Cn", "Zl", "Zp"):
        return True
    return category == "Cf" and ch not in _ALLOWED_FORMAT


# --- the room's words ----------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _inflect() -> inflect.engine:
    return inflect.engine()


@lru_cache(maxsize=4096)
def _singular(word: str) -> str:
    """The singular of an English plural ("stretches" -> "stretch"); short words and words
    that are not plurals stay as they are ("less", "this": inflect would cut them)."""
    if (
        len(word) <= 3
        or not word.isascii()
        or not word.isalpha()
        or word.endswith(("ss", "us", "is"))
    ):
        return word
    singular = _inflect().singular_noun(word)
    return singular if isinstance(singular, str) and singular else word


def _words(text: str) -> list[str]:
    """The answer's words in lower case, without punctuation at their ends."""
    words = []
    for part in text.casefold().split():
        word = part.strip("".join(ch for ch in part if not _inner(ch)))
        if word:
            words.append(word)
    return words


def _inner(ch: str) -> bool:
    """Kept in a word: letters, numbers, marks, emoji and the joiners inside them."""
    return unicodedata.category(ch)[0] in "LNM" or emoji.is_emoji(ch) or ch in _ALLOWED_FORMAT


def word_key(text: str) -> str:
    """The key that groups answers: "Stretches!" and "stretch" are one word."""
    return " ".join(_singular(word) for word in _words(text))


def shown_form(text: str) -> str:
    """How an answer shows: lower case, single spaces, no punctuation at the ends of words."""
    return " ".join(_words(text))


def is_blocked(text: str, blocked: Collection[str]) -> bool:
    """Whether an answer holds a blocked word, however it is spelt ("sh1t", "shiiit", "s h i t")."""
    words = _words(text.translate(_SWAPS))
    candidates = set()
    for word in [*words, "".join(words)]:
        letters = "".join(ch for ch in word if ch.isalnum())
        candidates |= {letters, _squeezed(letters), _singular(letters)}
    return not candidates.isdisjoint(blocked)


def _squeezed(word: str) -> str:
    """Runs of one letter made one ("shiiit" -> "shit")."""
    return "".join(ch for i, ch in enumerate(word) if i == 0 or word[i - 1] != ch)


@dataclass(frozen=True)
class Word:
    key: str
    #: How it shows: the form most phones typed.
    text: str
    count: int
    #: 1 (fewest phones) to SIZES (most).
    size: int = 1


@dataclass(frozen=True)
class RoomWords:
    """What the projector may show of an open question's answers."""

    #: Phones that answered.
    answered: int
    #: The words to show, most phones first (empty below MIN_SHOWN answers).
    words: tuple[Word, ...]
    #: Answers held back for a blocked word, and words the presenter hid (still to show again).
    blocked: int = 0
    hidden: int = 0

    @property
    def shown(self) -> bool:
        return self.answered >= MIN_SHOWN

    @property
    def as_cloud(self) -> bool:
        """A cloud for many words; ranked bars for a few (see CLOUD_FROM_WORDS)."""
        return len(self.words) >= CLOUD_FROM_WORDS


def room_words(
    tally: Mapping[str, int],
    blocked: Collection[str],
    hidden: Collection[str] = (),
    *,
    limit: int | None = MAX_SHOWN_WORDS,
) -> RoomWords:
    """The room's words from the store's counts of each answer (text -> phones)."""
    answered = sum(tally.values())
    if answered < MIN_SHOWN:
        return RoomWords(answered, ())
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    held_back = 0
    for text, count in tally.items():
        checked = check_answer(text)
        if checked.problem is not None:
            continue  # a store is not trusted: what no phone could send does not show
        if is_blocked(checked.text, blocked):
            held_back += count
            continue
        key = word_key(checked.text)
        counts[key] += count
        forms.setdefault(key, Counter())[shown_form(checked.text)] += count
    hidden_keys = set(hidden)
    kept = [(key, n) for key, n in counts.items() if key not in hidden_keys]
    # Most phones first; ties in the order of the words, so the screen does not jump about.
    kept.sort(key=lambda item: (-item[1], item[0]))
    if limit is not None:
        kept = kept[:limit]
    top = kept[0][1] if kept else 1
    words = tuple(Word(key, _most_typed(forms[key]), n, _size(n, top)) for key, n in kept)
    return RoomWords(answered, words, held_back, len(hidden_keys & counts.keys()))


def _most_typed(forms: Counter[str]) -> str:
    return min(forms.items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0]


def _size(count: int, top: int) -> int:
    """1 for one phone, SIZES for the most phones (the middle size when every word has one)."""
    if top <= 1:
        return (SIZES + 1) // 2
    return 1 + round((SIZES - 1) * (count - 1) / (top - 1))
