"""Issue 15, finding 4 (ADR 0045): an autosave that committed but whose response was lost is not a conflict with the
same person's next save. The browser names each save with a key and sends the keys of saves it heard nothing from;
a colleague's save in between is still refused as before."""

import uuid

import pytest
from django.urls import reverse

from tools.models import Answer, Question

pytestmark = pytest.mark.django_db


def key() -> str:
    return str(uuid.uuid4())


def question(assessment, code):
    return Question.objects.get(step__template=assessment.template, code=code)


def autosave(client, assessment, q, text, *, version, save_key="", earlier=()):
    data = {f"q{q.pk}": text, f"q{q.pk}_version": str(version), f"q{q.pk}_save_key": save_key}
    data[f"q{q.pk}_earlier_keys"] = ",".join(earlier)
    return client.post(reverse("tools:answer_autosave", args=[assessment.pk, q.pk]), data)


def stored(assessment, q) -> Answer:
    return Answer.objects.get(assessment=assessment, question=q)


def test_autosave_retry_after_lost_response_is_not_a_conflict(client, personas, full_draft):
    client.force_login(personas.staff)
    q = question(full_draft, "1.1")
    lost = key()
    # The save commits (version 1), but the browser never hears back: it still holds version 0.
    assert autosave(client, full_draft, q, "Fund 40", version=0, save_key=lost).status_code == 200
    writes = stored(full_draft, q).history.count()
    # The same save again (a retry of the same key): the saved result, same version, nothing written twice.
    retry = autosave(client, full_draft, q, "Fund 40", version=0, save_key=lost)
    assert retry.status_code == 200 and "Saved at" in retry.content.decode()
    assert stored(full_draft, q).version == 1
    assert stored(full_draft, q).history.count() == writes
    # Meanwhile the person typed more: the next save, still on version 0, names the unanswered key and is accepted.
    response = autosave(client, full_draft, q, "Fund 40 homes", version=0, save_key=key(), earlier=[lost])
    assert response.status_code == 200
    assert 'value="2"' in response.content.decode()
    assert stored(full_draft, q).value == "Fund 40 homes" and stored(full_draft, q).version == 2


def test_autosave_two_lost_responses_in_a_row_are_both_own_saves(client, personas, full_draft):
    client.force_login(personas.staff)
    q = question(full_draft, "1.1")
    first, second = key(), key()
    assert autosave(client, full_draft, q, "Fund", version=0, save_key=first).status_code == 200
    assert autosave(client, full_draft, q, "Fund 40", version=0, save_key=second, earlier=[first]).status_code == 200
    response = autosave(client, full_draft, q, "Fund 40 homes", version=0, save_key=key(), earlier=[first, second])
    assert response.status_code == 200
    assert stored(full_draft, q).value == "Fund 40 homes" and stored(full_draft, q).version == 3


def test_autosave_other_key_on_old_version_is_still_a_conflict(client, personas, full_draft):
    client.force_login(personas.staff)
    q = question(full_draft, "1.1")
    assert autosave(client, full_draft, q, "Fund 40", version=0, save_key=key()).status_code == 200
    response = autosave(client, full_draft, q, "Fund 50", version=0, save_key=key(), earlier=[key()])
    assert response.status_code == 409
    assert "Not saved" in response.content.decode()
    assert stored(full_draft, q).value == "Fund 40"


def test_autosave_colleague_save_after_my_lost_one_is_a_conflict(client, personas, full_draft):
    q = question(full_draft, "1.1")
    lost = key()
    client.force_login(personas.staff)
    assert autosave(client, full_draft, q, "Fund 40", version=0, save_key=lost).status_code == 200
    client.force_login(personas.manager)
    assert autosave(client, full_draft, q, "Fund 60", version=1, save_key=key()).status_code == 200
    client.force_login(personas.staff)
    response = autosave(client, full_draft, q, "Fund 40 homes", version=0, save_key=key(), earlier=[lost])
    assert response.status_code == 409
    assert stored(full_draft, q).value == "Fund 60"


def test_autosave_someone_elses_key_does_not_skip_the_check(client, personas, full_draft):
    q = question(full_draft, "1.1")
    theirs = key()
    client.force_login(personas.manager)
    assert autosave(client, full_draft, q, "Fund 60", version=0, save_key=theirs).status_code == 200
    client.force_login(personas.staff)  # replays the manager's key: still a stale edit of a colleague's answer
    response = autosave(client, full_draft, q, "Fund 40", version=0, save_key=key(), earlier=[theirs])
    assert response.status_code == 409
    assert stored(full_draft, q).value == "Fund 60"


@pytest.mark.parametrize("bad", ["short", "x" * 65, "<script>", "a,b"])
def test_autosave_malformed_keys_are_ignored_not_trusted(client, personas, full_draft, bad):
    client.force_login(personas.staff)
    q = question(full_draft, "1.1")
    assert autosave(client, full_draft, q, "Fund 40", version=0, save_key=bad).status_code == 200
    assert stored(full_draft, q).save_key == ""
    response = autosave(client, full_draft, q, "Fund 50", version=0, save_key=key(), earlier=[bad])
    assert response.status_code == 409


def test_step_form_post_after_lost_autosave_is_accepted(client, personas, full_draft):
    client.force_login(personas.staff)
    q = question(full_draft, "1.1")
    lost = key()
    assert autosave(client, full_draft, q, "Fund 40", version=0, save_key=lost).status_code == 200
    url = reverse("tools:step_fill", args=[full_draft.pk, q.step.number])
    data = {f"q{q.pk}": "Fund 40 homes", f"q{q.pk}_version": "0", f"q{q.pk}_earlier_keys": lost, "save": "1"}
    for other in q.step.questions.exclude(pk=q.pk):
        data[f"q{other.pk}_version"] = "0"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert stored(full_draft, q).value == "Fund 40 homes"


def test_table_autosave_retry_after_lost_response_is_not_a_conflict(client, personas, full_draft):
    client.force_login(personas.staff)
    table = Question.objects.filter(step__template=full_draft.template, type=Question.Type.TABLE).first()
    column = table.columns[0]["key"]
    url = reverse("tools:table_autosave", args=[full_draft.pk, table.pk])
    lost = key()
    data = {"rows": "1", f"r0-{column}": "Rent burden", f"q{table.pk}_version": "0", f"q{table.pk}_save_key": lost}
    assert client.post(url, data).status_code == 200
    data.update({f"r0-{column}": "Rent burden 2022", f"q{table.pk}_save_key": key(), f"q{table.pk}_earlier_keys": lost})
    assert client.post(url, data).status_code == 200
    assert stored(full_draft, table).value[0][column] == "Rent burden 2022"
