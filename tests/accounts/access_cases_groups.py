"""Access cases: the mapping table of identity provider groups (issue 17), the equity team only."""

from tests.access import AccessCase, everyone

EQUITY_ONLY = everyone(403, equity=200)


def _mapping(p):
    from equity.models import GroupMapping, Role

    mapping = GroupMapping.objects.create(group="SLP-CommDev-Managers", department=p.dept, role=Role.MANAGER)
    return {"pk": mapping.pk}


def _new_line(p, kw):
    return {"group": "SLP-PublicWorks-Staff", "department": p.other_dept.pk, "role": "", "note": ""}


def _edit_line(p, kw):
    return {"group": "SLP-CommDev-Leads", "department": p.dept.pk, "role": "manager", "note": "", "revision": 1}


CASES: list[AccessCase] = [
    AccessCase("group_mapping_list", EQUITY_ONLY),
    AccessCase("group_mapping_list", EQUITY_ONLY, label="filtered", query="q=SLP&role=manager"),
    AccessCase("group_mapping_create", EQUITY_ONLY),
    AccessCase("group_mapping_create", everyone(403, equity=302), method="post", data=_new_line),
    AccessCase("group_mapping_update", EQUITY_ONLY, setup=_mapping),
    AccessCase("group_mapping_update", everyone(403, equity=302), setup=_mapping, method="post", data=_edit_line),
    AccessCase("group_mapping_delete", EQUITY_ONLY, setup=_mapping),
    AccessCase(
        "group_mapping_delete",
        everyone(403, equity=302),
        setup=_mapping,
        method="post",
        data=lambda p, kw: {"revision": 1},
    ),
    AccessCase("group_mapping_history", EQUITY_ONLY, setup=_mapping),
]
