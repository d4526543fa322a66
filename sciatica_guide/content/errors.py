"""The one error a broken content folder raises: a single line naming the file and the field."""

from __future__ import annotations


class ContentError(Exception):
    """A content file is missing, unreadable, malformed or refers to an unknown id."""

    def __init__(self, file: str, field: str | None, problem: str) -> None:
        self.file = file
        self.field = field
        self.problem = problem
        where = f"{file}, field '{field}'" if field else file
        super().__init__(f"Content error in {where}: {problem}")
