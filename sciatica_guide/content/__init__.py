"""Content: the article, structured facts and words of the guide, loaded from content/."""

from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.loader import default_content_dir, load_content
from sciatica_guide.content.models import Content

__all__ = ["Content", "ContentError", "default_content_dir", "load_content"]
