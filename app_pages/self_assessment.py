from sciatica_guide.assessment.export import SummaryParts
from sciatica_guide.assessment.view import render_assessment_page
from sciatica_guide.body_map.pdf_places import SummaryFigure
from sciatica_guide.body_map.where_view import render_where
from sciatica_guide.movements.summary import movements_section
from sciatica_guide.ui.state import get_content, get_settings

render_assessment_page(
    get_content(),
    get_settings(),
    "self-assessment",
    where=render_where,
    summary=SummaryParts(movements=movements_section, figure=SummaryFigure),
)
