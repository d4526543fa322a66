"""The workshop knowledge check's cross-checks (workshop.yaml): ids once, answers among their
options, known signs and sources, and an urgent-help question's right answer names a sign."""

from __future__ import annotations

from sciatica_guide.content.checks import check_ref, check_refs, check_unique
from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.models import Content


def check_workshop(content: Content) -> None:
    """The knowledge check: ids once, answers among their options, known signs and sources, and
    an urgent-help question's right answer names an urgent-help sign (so it ends with what to do).
    """
    file = "workshop.yaml"
    source_ids = {s.id for s in content.sources.sources}
    flag_ids = {f.id for f in content.red_flags.all_flags()}
    questions = content.workshop.questions
    check_unique(file, "questions", [q.id for q in questions])
    for qi, question in enumerate(questions):
        where = f"questions[{qi}]"
        option_ids = [o.id for o in question.options]
        check_unique(file, f"{where}.options", option_ids)
        check_refs(file, f"{where}.answers", question.answers, set(option_ids), "option")
        if len(set(question.answers)) != len(question.answers):
            raise ContentError(file, f"{where}.answers", "an option is named twice")
        if not question.is_open and len(question.answers) == len(option_ids):
            raise ContentError(file, f"{where}.answers", "at least one option must be wrong")
        check_refs(file, f"{where}.sources", question.sources, source_ids, "source")
        for oi, option in enumerate(question.options):
            if option.flag is not None:
                check_ref(file, f"{where}.options[{oi}].flag", option.flag, flag_ids, "urgent sign")
        if question.topic == "urgent-help" and content.quiz_level(question) is None:
            raise ContentError(
                file,
                f"{where}.answers",
                "an urgent-help question needs a right answer that names an urgent sign (flag)",
            )
    blocked = content.blocked_words.words
    check_unique("blocked_words.yaml", "words", blocked)
    for wi, word in enumerate(blocked):
        if word != word.casefold() or not word.replace("'", "").isalnum():
            raise ContentError(
                "blocked_words.yaml", f"words[{wi}]", "one word in lower case, letters only"
            )
