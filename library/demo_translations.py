"""Demo content translations (run by library.demo's seeder, after the narrative): the published narrative's title,
headings and first section in Spanish, as a machine-assisted draft nobody has reviewed yet, so the public narrative
in Spanish shows both notes (not reviewed; parts still in English)."""

from __future__ import annotations

from equity.demo import DemoCity
from equity.translations.models import ContentTranslation
from equity.translations.registry import record_parts, record_type_for_key
from equity.translations.services import PieceInput, content_translations_save
from library.models import NarrativeVersion

SPANISH = {
    "Moving forward together as a city": "Avanzar juntos como ciudad",
    "Why we lead with race": "Por qué empezamos por la raza",
    "The history of government and race": "La historia del gobierno y la raza",
    "Our commitment as a GARE cohort city": "Nuestro compromiso como ciudad de la cohorte GARE",
    "How we will know we are making progress": "Cómo sabremos que avanzamos",
}
SPANISH_FIRST_BODY = (
    "<p>En St. Louis Park, como en todo Estados Unidos, la raza todavía predice cómo le irá a una persona: en la "
    "salud, la vivienda, la escuela y el trabajo. La equidad racial significa <strong>cerrar esas brechas</strong> "
    "para que la raza ya no prediga el éxito de nadie, a la vez que mejoran los resultados para todos.</p>"
)


def seed_translations(city: DemoCity) -> None:
    """Spanish for the published narrative (machine-assisted), once."""
    version = NarrativeVersion.objects.filter(status=NarrativeVersion.Status.PUBLISHED, narrative__department=None)
    record = version.first()
    if record is None or ContentTranslation.objects.filter(language="es").exists():
        return
    record_type = record_type_for_key("library.narrativeversion")
    pieces = []
    for part in record_parts(record_type, [record]):
        text = SPANISH.get(part.english, "")
        if part.field == "body" and part.obj.position == min(s.position for s in record.sections.all()):
            text = SPANISH_FIRST_BODY
        if text:
            pieces.append(PieceInput(part=part, text=text, state=ContentTranslation.State.MACHINE, version=None))
    content_translations_save(
        user=city.users["equity"], record_type=record_type, record=record, language="es", pieces=pieces
    )
