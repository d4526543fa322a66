"""What each string or object the pages build costs, next to a Streamlit cache lookup.

    python -m benchmarks.build_costs

A cache pays only where building costs clearly more than looking it up. Prints one line per
item: the median time to build it (uncached, as the pages do on every run) and the median time of
an st.cache_resource hit with a string key (what a cache would cost instead). Run in-process,
no server; numbers are for comparing on one machine.
"""

from __future__ import annotations

import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from sciatica_guide import APP_ROOT
from sciatica_guide.article import page as article_view
from sciatica_guide.body_map.svg import body_map_svg
from sciatica_guide.content import Content, load_content
from sciatica_guide.content.article import ArticleSection
from sciatica_guide.settings import Settings
from sciatica_guide.ui.frame import red_flag_markdown
from sciatica_guide.ui.navigation import app_pages

PAGES_DIR = APP_ROOT / "app_pages"


def median_ms(work: Callable[[], object], *, repeat: int = 200) -> float:
    work()  # warm up: imports, first-call setup
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _all_sections(content: Content) -> list[ArticleSection]:
    found: list[ArticleSection] = []
    todo = list(content.article.sections)
    while todo:
        section = todo.pop(0)
        found.append(section)
        todo[:0] = section.children
    return found


def measure(content: Content) -> dict[str, float]:
    sections = _all_sections(content)
    settings = Settings()

    @st.cache_resource(show_spinner=False)
    def cached(key: str) -> str:
        return key

    with warnings.catch_warnings():
        # Outside `streamlit run`, Streamlit warns that no runtime is present; the cache works.
        warnings.simplefilter("ignore")
        lookup = median_ms(lambda: cached(str(Path("content"))), repeat=2000)
    return {
        "every article section's Markdown": median_ms(
            lambda: [article_view.section_markdown(content, s) for s in sections]
        ),
        "urgent-help Markdown": median_ms(lambda: red_flag_markdown(content, settings)),
        "every st.Page (standard mode)": median_ms(
            lambda: app_pages(content.pages_in("standard"), PAGES_DIR)
        ),
        "every body-map region": median_ms(content.regions),
        "body-map SVG": median_ms(lambda: body_map_svg(content), repeat=50),
        "st.cache_resource hit (one string argument)": lookup,
    }


def main() -> None:
    import logging

    # Outside `streamlit run`, Streamlit logs "missing ScriptRunContext" on every call.
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    results = measure(load_content())
    width = max(map(len, results))
    for name, ms in results.items():
        print(f"{name:<{width}}  {ms:8.4f} ms")


if __name__ == "__main__":
    main()
