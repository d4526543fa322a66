"""Every style that reaches into Streamlit's own markup, in one place, each with its reason.

Streamlit's public levers for looks are the theme options (.streamlit/config.toml) and the
`st-key-<key>` class of a keyed container or widget; guide.css, clinic.css and presenter.css use
only those, HTML elements and the guide's own classes. What is below has no public route in
Streamlit 1.67: `data-testid` attributes, element classes such as `stButton` and the `react-aria`
classes of its select box. An upgrade can rename any of them without an error, so each rule
names where it applies (`Probe`), and tests/browser/test_streamlit_internals.py opens that page
and fails when a selector matches nothing there.
"""

from __future__ import annotations

from dataclasses import dataclass

from sciatica_guide.settings import Mode


@dataclass(frozen=True)
class Probe:
    """Where every selector of a rule matches at least one element."""

    #: The page's path (the app's root is ""), opened with ?mode=<mode> for mode rules.
    path: str = ""
    #: A viewport name of guide_testing.browser.VIEWPORTS.
    viewport: str = "desktop"
    #: "idle": matched once the page has settled. "bundle": the element exists only while a
    #: script runs (too briefly to catch reliably), so its test id must be in Streamlit's
    #: frontend code.
    when: str = "idle"
    #: Self-assessment stages to pass first: 2 the safety screens, 3 "where", 4 the pain scales
    #: (the radio buttons are on the screen after them).
    assessment_step: int = 1


@dataclass(frozen=True)
class InternalStyle:
    selectors: tuple[str, ...]
    declarations: str
    reason: str
    probe: Probe
    #: None: every mode (with guide.css); else only in that mode, after its stylesheet.
    mode: Mode | None = None

    def css(self) -> str:
        return f"{', '.join(self.selectors)} {{ {self.declarations} }}"


STYLES: tuple[InternalStyle, ...] = (
    InternalStyle(
        ('[data-testid="stCaptionContainer"]', '[data-testid="stCaptionContainer"] p'),
        "color: var(--g-muted) !important; opacity: 1 !important;",
        "Captions carry sources and attribution; Streamlit fades them (opacity 0.6) below 4.5:1 "
        "contrast and no theme option sets their colour. 7.4:1 on white instead.",
        Probe(""),
    ),
    InternalStyle(
        ('[data-testid="stSidebarNav"] a',),
        "min-height: 44px; align-items: center;",
        "44 px touch targets for st.navigation's page menu where a phone folds the top bar into "
        "the sidebar: it has no size option.",
        Probe("", viewport="phone"),
    ),
    InternalStyle(
        ('[data-testid="stTopNavLink"]',),
        "min-height: 44px; align-items: center;",
        "The same for the pages in the top bar (28 px).",
        Probe(""),
    ),
    InternalStyle(
        ('[data-testid="stTopNavSection"]',),
        "min-height: 44px; align-items: center;",
        'The same for the top bar\'s "N more" button, there when the bar has no room for every '
        "page (a tablet).",
        Probe("", viewport="tablet"),
    ),
    InternalStyle(
        ('[data-testid="stMainMenuButton"]',),
        "min-width: 44px; min-height: 44px;",
        "44 px touch targets (WCAG 2.5.5) for Streamlit's menu button (28-38 px); the app has no "
        "handle on its own chrome.",
        Probe(""),
    ),
    InternalStyle(
        ('div:has(> [data-testid="stToolbarActions"])',),
        "min-width: 0 !important;",
        "Streamlit's header keeps 12.5rem for its menu side; at the largest text size a 320 px "
        "phone had the menu button pushed off the screen.",
        Probe("", viewport="phone"),
    ),
    InternalStyle(
        ('[data-testid="stSidebarCollapseButton"] button',),
        "min-width: 44px; min-height: 44px;",
        "The same for the button that closes the page menu on a phone (there only while open).",
        Probe("", viewport="phone", when="bundle"),
    ),
    InternalStyle(
        ('[data-testid="stMainBlockContainer"]',),
        "padding-top: 4.5rem; padding-bottom: 3rem;",
        "Streamlit leaves 6rem above the page under its 3.75rem header and 10rem below it, and "
        "has no option for either: 1.5rem above is the room a tablet's body map needs to be in "
        "the first screen, and 7rem below is an eighth of a phone screen on every page.",
        Probe(""),
    ),
    InternalStyle(
        ('[data-testid="stExpandSidebarButton"]',),
        "min-width: 44px; min-height: 44px;",
        "The same for the button that opens a collapsed sidebar (narrow screens).",
        Probe("", viewport="phone"),
    ),
    InternalStyle(
        ('[data-testid="stButtonGroup"] button',),
        "min-height: 44px;",
        "44 px touch targets for st.segmented_control (the body map's view switch); its buttons "
        "carry no key class of their own.",
        Probe("body-map", viewport="tablet"),
    ),
    InternalStyle(
        (
            '[data-testid="stButtonGroup"] button[data-selected="true"]',
            '[data-testid="stButtonGroup"] button[data-selected="true"] *',
        ),
        "color: var(--g-accent) !important;",
        "A chosen option of st.segmented_control and st.pills is written in the primary colour, "
        "which in the dark theme is dark enough for white words on a filled button and so below "
        "4.5:1 on the dark page: the guide's teal for words instead (the same as primary in "
        "light).",
        Probe("body-map", viewport="tablet"),
    ),
    InternalStyle(
        (".stButton button",),
        "min-height: 44px;",
        "44 px touch targets for every st.button, keyed or not, wherever it is.",
        Probe("self-assessment", viewport="tablet"),
    ),
    InternalStyle(
        ('[data-testid="stCheckbox"] label',),
        "min-height: 44px; align-items: center;",
        "A tick box or switch (st.checkbox, st.toggle) is tapped through its label: 44 px high.",
        Probe("body-map", viewport="tablet"),
    ),
    InternalStyle(
        ('[data-testid="stRadio"] label',),
        "min-height: 44px; align-items: center;",
        "The same for st.radio's options.",
        Probe("self-assessment", viewport="tablet", assessment_step=4),
    ),
    InternalStyle(
        (
            '[data-testid="stSelectbox"] .react-aria-ComboBox > div',
            '[data-testid="stSelectbox"] input',
        ),
        "min-height: 44px;",
        "44 px for st.selectbox's field (the body map's region list); no size option.",
        Probe("body-map", viewport="tablet"),
    ),
    InternalStyle(
        ('[data-testid="stHeaderActionElements"]',),
        "display: none;",
        "Heading link icons are 16 px hover targets that duplicate the page's own links; "
        "anchor=False would also drop the anchors (/techniques#deep-tissue-massage).",
        Probe("techniques"),
    ),
    InternalStyle(
        ('[data-testid="stToolbarActions"]', '[data-testid="stMainMenu"]'),
        "display: none !important;",
        "Clinic tablet: no Streamlit menu or toolbar actions to wander into (the top bar's pages "
        "stay). client.toolbarMode is per process, and clinic mode can be chosen per browser "
        "(?mode=clinic).",
        Probe(""),
        mode=Mode.CLINIC,
    ),
    InternalStyle(
        ('[data-testid="stStatusWidget"]',),
        "display: none !important;",
        'Clinic tablet: no "Running" widget with its stop control; no option hides it.',
        Probe("", when="bundle"),
        mode=Mode.CLINIC,
    ),
    InternalStyle(
        (".stButton button", ".stDownloadButton button", '[data-testid="stTopNavLink"]'),
        "min-height: 56px; font-size: 1.1rem;",
        "Clinic tablet: bigger buttons and menu links for every st.button and download button.",
        Probe("sources-and-safety", viewport="tablet"),
        mode=Mode.CLINIC,
    ),
    InternalStyle(
        (".stButton button",),
        "min-height: 56px; font-size: 1.2rem;",
        "Presenter: buttons that read from the back of a room, for every st.button.",
        Probe("present"),
        mode=Mode.PRESENTER,
    ),
    InternalStyle(
        ('[data-testid="stMainBlockContainer"]',),
        "padding-top: 4rem !important; padding-bottom: 1rem !important;",
        "Presenter: a projector's 720 lines are the slide's; Streamlit's 6rem of space above "
        "the page (under its header) and 10rem below have no option.",
        Probe("present"),
        mode=Mode.PRESENTER,
    ),
)


def internal_css(mode: Mode | None) -> str:
    """The rules for `mode` (None: those for every mode), one per line."""
    return "\n".join(style.css() for style in STYLES if style.mode == mode)
