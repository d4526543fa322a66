"""What every content model shares: strict models and the id type."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: A kebab-case identifier ("calf-clot"), where it is defined and wherever it is referred to.
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]


class Strict(BaseModel):
    # Unknown fields are errors (typos are caught at load); no text may be empty.
    model_config = ConfigDict(extra="forbid", frozen=True, str_min_length=1)
