"""Reference data of the tools app: the shipped worksheet templates (found by `equity.contributions`)."""

from equity.contributions import REFERENCE_DATA
from tools.services.template_exchange import shipped_templates_ensure


@REFERENCE_DATA.register(order=30)
def shipped_templates() -> None:
    """Create the shipped worksheet templates that are missing."""
    shipped_templates_ensure()
