"""Parse the article's Markdown into a tree of sections, keeping every paragraph verbatim."""

from __future__ import annotations

import re

from pydantic import BaseModel

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$")


class ArticleSection(BaseModel):
    """One heading of the article with the paragraphs under it and its sub-sections."""

    heading: str
    level: int
    paragraphs: list[str] = []
    children: list[ArticleSection] = []

    def walk(self) -> list[ArticleSection]:
        """This section and every section below it, in reading order."""
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found


class Article(BaseModel):
    """The whole article as top-level sections (heading levels 1 and 2)."""

    sections: list[ArticleSection]

    def all_sections(self) -> list[ArticleSection]:
        return [s for top in self.sections for s in top.walk()]

    def find(self, heading: str) -> ArticleSection | None:
        return next((s for s in self.all_sections() if s.heading == heading), None)

    def paragraphs(self) -> list[str]:
        """Every paragraph and heading of the article, in reading order."""
        out: list[str] = []
        for section in self.all_sections():
            out.append(section.heading)
            out.extend(section.paragraphs)
        return out


def parse_article(markdown: str) -> Article:
    """Split Markdown into sections. Level 1 and 2 headings are top level; deeper ones nest.

    Raises ValueError with a readable reason when the text has no heading before its first
    paragraph, since every paragraph must belong to a section a page can show.
    """
    blocks = [b.strip() for b in re.split(r"\n\s*\n", markdown) if b.strip()]
    top: list[ArticleSection] = []
    stack: list[ArticleSection] = []
    for block in blocks:
        match = _HEADING.match(block) if "\n" not in block else None
        if match:
            level = len(match.group(1))
            section = ArticleSection(heading=match.group(2), level=level)
            while stack and stack[-1].level >= level:
                stack.pop()
            if level <= 2 or not stack:
                top.append(section)
            else:
                stack[-1].children.append(section)
            stack.append(section)
        else:
            if not stack:
                raise ValueError("the first paragraph comes before any heading")
            stack[-1].paragraphs.append(" ".join(line.strip() for line in block.splitlines()))
    return Article(sections=top)
