"""The plan progress PDF is a tagged PDF (PDF/UA-1): its structure tree is checked here with pypdf.

veraPDF, the open PDF/UA validator, is a Java program on no package registry the project installs from (neither
PyPI nor npm), so these tests check the parts of PDF/UA that WeasyPrint's tagging and our templates decide:
marked and tagged, language, title shown as the window title, headings, tables, lists and figures with
alternate text, and every piece of marked content on every page tied to a structure element (ADR 0068)."""

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from plans.models import RacialGroup
from reports import render
from reports.jobs import report_context
from reports.kinds import report_kind_get
from reports.models import ReportJob
from tests.plans.factories import (
    ActionFactory,
    DataPointFactory,
    IndicatorFactory,
    MilestoneFactory,
    OutcomeFactory,
    PlanFactory,
    ResultFactory,
)

pytestmark = pytest.mark.django_db
MCID = re.compile(rb"/MCID\s+(\d+)")
REQUIRED_TAGS = {"/Document", "/H1", "/H2", "/H3", "/H4", "/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD", "/Figure"}


def _plan_report(personas, tmp_path):
    """A small plan's progress report built as the worker builds it: (path of the PDF, the job's title)."""
    plan = PlanFactory(title="Housing Stability Action Plan", departments=[personas.dept], owner=personas.manager)
    result = ResultFactory(plan=plan, statement="All residents have stable, affordable housing")
    outcome = OutcomeFactory(result=result, statement="Fewer evictions among renters of color")
    indicator = IndicatorFactory(result=result, name="Homeownership rate")
    black, _ = RacialGroup.objects.get_or_create(code="black", defaults={"name": "Black or African American"})
    white, _ = RacialGroup.objects.get_or_create(code="white", defaults={"name": "White (not Hispanic)"})
    for year, (b, w) in {2022: ("24", "78"), 2024: ("29", "77")}.items():
        DataPointFactory(indicator=indicator, year=year, group=black, value=Decimal(b))
        DataPointFactory(indicator=indicator, year=year, group=white, value=Decimal(w))
    action = ActionFactory(plan=plan, title="Launch a tenant legal-aid fund", lead_department=personas.dept)
    action.outcomes.add(outcome)
    MilestoneFactory(action=action, title="Partner agreement signed")
    kind = report_kind_get("plan_progress")
    assert kind is not None
    job = ReportJob(kind=kind.code, title=kind.title(plan, {}), params={"target": plan.pk},
                    requested_by=personas.staff, queued_at=timezone.now())  # fmt: skip
    html = render.report_html(template=kind.template, context=report_context(job=job, kind=kind, target=plan))
    final = tmp_path / "plan.pdf"
    render.report_pdf_publish(rendered=render.report_pdf_write(html=html, final_path=final), final_path=final)
    return final, job.title


def _walk(element: DictionaryObject, found: list[DictionaryObject]) -> None:
    found.append(element)
    kids = element.get("/K")
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        kid = kid.get_object() if kid is not None else None
        if isinstance(kid, DictionaryObject) and kid.get("/Type", "/StructElem") == "/StructElem" and "/S" in kid:
            _walk(kid, found)


def structure_problems(path: Path, *, title: str) -> list[str]:
    """What keeps the PDF from being a well-formed tagged PDF (empty when nothing does)."""
    reader = PdfReader(path)
    root: Any = reader.trailer["/Root"]
    problems = []
    if not bool(root.get("/MarkInfo", {}).get("/Marked")):
        problems.append("not marked (/MarkInfo /Marked)")
    if not str(root.get("/Lang", "")):
        problems.append("no /Lang")
    if reader.metadata is None or reader.metadata.title != title:
        problems.append("document title is not the report's title")
    if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")):
        problems.append("viewers are not told to show the title (/DisplayDocTitle)")
    if "/StructTreeRoot" not in root:
        return [*problems, "no structure tree (/StructTreeRoot)"]
    tree: Any = root["/StructTreeRoot"].get_object()
    if "/ParentTree" not in tree:
        return [*problems, "no /ParentTree"]
    elements: list[DictionaryObject] = []
    for kid in tree["/K"]:
        _walk(kid.get_object(), elements)
    tags = {str(e["/S"]) for e in elements}
    problems += [f"no {tag} element" for tag in sorted(REQUIRED_TAGS - tags)]
    problems += ["a Figure without /Alt" for e in elements if e["/S"] == "/Figure" and not str(e.get("/Alt", ""))]
    nums = tree["/ParentTree"].get_object()["/Nums"]
    parents = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    for number, page in enumerate(reader.pages, start=1):
        contents: Any = page.get_contents()
        used = {int(m) for m in MCID.findall(contents.get_data())} if contents is not None else set()
        if not used:
            problems.append(f"page {number} has no marked content")
            continue
        mapped = parents.get(int(page.get("/StructParents", -1)))
        if not isinstance(mapped, ArrayObject) or any(
            mcid >= len(mapped) or not isinstance(mapped[mcid].get_object(), DictionaryObject) for mcid in used
        ):
            problems.append(f"page {number} has marked content no structure element owns")
    return problems


def test_plan_progress_pdf_is_a_tagged_pdf_with_a_complete_structure_tree(personas, tmp_path):
    path, title = _plan_report(personas, tmp_path)
    assert structure_problems(path, title=title) == []


def test_structure_check_fails_an_untagged_pdf(personas, tmp_path, monkeypatch):
    monkeypatch.setattr(render, "PDF_VARIANT", None)  # plain PDF: no tags, no PDF/UA metadata
    path, title = _plan_report(personas, tmp_path)
    problems = structure_problems(path, title=title)
    assert "not marked (/MarkInfo /Marked)" in problems and "no structure tree (/StructTreeRoot)" in problems
