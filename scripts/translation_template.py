"""Templates for a new translation, and sentence lengths of the existing ones.

python scripts/translation_template.py OUT_DIR     the English words of every content file,
                                                   in their places (docs/translations.md)
python scripts/translation_template.py --stats     sentence length per language
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path

import yaml

from sciatica_guide import APP_ROOT
from sciatica_guide.content.loader import content_files
from sciatica_guide.content.translation import leaves, words_of

CONTENT = APP_ROOT / "content"
#: Sentence ends in the guide's languages (Chinese uses its own full stop).
_SENTENCE_END = re.compile("(?<=[.!?\u3002\uff01\uff1f])\\s*")


def write_templates(out: Path) -> None:
    for name, _ in content_files(CONTENT):
        data = yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))
        if name == "languages.yaml":
            data = {"words": data["words"]}
        words = words_of(name, data)
        if words is None:
            continue
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(words, allow_unicode=True, sort_keys=False, width=100)
        target.write_text(text, encoding="utf-8")
        print(target)


def sentence_lengths(code: str) -> list[int]:
    """Words per sentence (characters for Chinese, which has no spaces)."""
    folder = CONTENT if code == "en" else CONTENT / "translations" / code
    lengths: list[int] = []
    for name, _ in content_files(CONTENT):
        path = folder / name
        if not path.is_file():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for _, text in leaves(words_of(name, data) if code == "en" else data):
            for sentence in filter(None, _SENTENCE_END.split(text)):
                size = len(sentence) if code == "zh" else len(sentence.split())
                lengths.append(size)
    return lengths


def main(argv: list[str]) -> int:
    if argv == ["--stats"]:
        for code in ("en", "zh", "ms", "ta"):
            lengths = sentence_lengths(code)
            unit = "characters" if code == "zh" else "words"
            print(
                f"{code}: {len(lengths)} sentences, median {statistics.median(lengths):g} "
                f"{unit}, 90th percentile {statistics.quantiles(lengths, n=10)[-1]:g}"
            )
        return 0
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    write_templates(Path(argv[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
