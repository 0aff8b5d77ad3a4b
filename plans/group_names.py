"""Matching the names data sources give racial/ethnic groups ("African American", "Hispanic/Latine") to the portal's
groups: exact codes and names, remembered aliases (per source, or for any source), and suggestions by similarity.

Reads only (two queries per upload: the groups, the aliases); remembering an alias is a service
(plans/services/indicator_uploads.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import Q
from django.utils.translation import gettext as _

from plans.models import GroupAlias, RacialGroup

# Words that say nothing about which group is meant ("Black or African American", "Hispanic (any race)").
STOPWORDS = {"or", "and", "of", "the", "any", "race", "races", "alone", "non", "not", "a", "an", "in"}
MIN_SCORE = 0.3  # below this a group is not worth suggesting
MIN_ALIAS_SCORE = 0.5  # a remembered alias ranks first, so it must be clearly alike
MAX_SUGGESTIONS = 3


def normalise(text: str) -> str:
    """The key a name is compared by: case folded, spacing collapsed ("  African  american" = "african american")."""
    return " ".join(text.casefold().split())


def _tokens(text: str) -> set[str]:
    return {t for t in re.split(r"[^\w]+", text.casefold()) if t and t not in STOPWORDS}


def _token_match(a: str, b: str) -> bool:
    """Same word, or nearly: the same first five letters ("latine" ~ "latino") or a typo ("hispnic" ~ "hispanic");
    not merely alike ("african" vs "american" share 80 % of their letters)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return a[:5] == b[:5] or SequenceMatcher(None, a, b).ratio() >= 0.85


def similarity(a: str, b: str) -> float:
    """About 0..1: shared words over all words (near-identical words count as shared), plus a tenth of the character
    similarity of the whole names to break ties. "Asian American" scores about 0.5 against "Asian" and 0.3 against
    "Black or African American": the word that names the group wins over a word many names share."""
    ta, tb = _tokens(a), _tokens(b)
    shared = sum(1 for x in ta if any(_token_match(x, y) for y in tb))
    words = shared / (len(ta) + len(tb) - shared) if ta and tb else 0.0
    return words + 0.1 * SequenceMatcher(None, normalise(a), normalise(b)).ratio()


@dataclass(frozen=True)
class Suggestion:
    """A group the user might mean, and why it is suggested."""

    group: RacialGroup
    reason: str
    score: float


@dataclass
class GroupNames:
    """The groups and aliases an upload resolves names with: `resolve` for what is certain, `suggest` for the rest.

    Certain: a group's code or name, an alias remembered for this source, an alias remembered for any source (empty
    source). An alias another source uses is only suggested: sources differ on what a name covers."""

    source_key: str
    groups: list[RacialGroup]
    aliases: list[GroupAlias]
    exact: dict[str, RacialGroup] = field(default_factory=dict)

    @classmethod
    def load(cls, *, source: str) -> GroupNames:
        """Active groups and every alias of active groups (two queries)."""
        groups = list(RacialGroup.objects.filter(is_active=True))
        aliases = list(GroupAlias.objects.filter(group__is_active=True).select_related("group"))
        names = cls(source_key=normalise(source), groups=groups, aliases=aliases)
        for group in groups:
            names.exact[normalise(group.code)] = group
            names.exact[normalise(group.name)] = group
        for alias in aliases:  # this source's aliases win over any-source ones, which win over nothing
            if alias.source_key == "" and alias.alias_key not in names.exact:
                names.exact[alias.alias_key] = alias.group
        for alias in aliases:
            if alias.source_key == names.source_key and alias.source_key:
                names.exact[alias.alias_key] = alias.group
        return names

    def resolve(self, name: str) -> RacialGroup | None:
        return self.exact.get(normalise(name))

    def suggest(self, name: str) -> list[Suggestion]:
        """Up to three groups, best first: similar aliases of this source, then aliases other sources use for a
        similar name, then groups with a similar name."""
        ranked: list[tuple[int, float, Suggestion]] = []
        for alias in self.aliases:
            score = similarity(name, alias.alias)
            if score < MIN_ALIAS_SCORE:
                continue
            if alias.source_key == self.source_key:
                reason = _("this source's name “%(alias)s”") % {"alias": alias.alias}
                ranked.append((0, score, Suggestion(alias.group, reason, score)))
            else:
                where = alias.source or _("any source")
                reason = _("“%(alias)s” in %(source)s") % {"alias": alias.alias, "source": where}
                ranked.append((1, score, Suggestion(alias.group, reason, score)))
        for group in self.groups:
            score = similarity(name, group.name)  # codes are abbreviations: only an exact one counts (resolve)
            if score >= MIN_SCORE:
                ranked.append((2, score, Suggestion(group, _("similar name"), score)))
        ranked.sort(key=lambda item: (item[0], -item[1], item[2].group.sort_order))
        picked: list[Suggestion] = []
        for _tier, _score, suggestion in ranked:
            if all(s.group.pk != suggestion.group.pk for s in picked):
                picked.append(suggestion)
            if len(picked) == MAX_SUGGESTIONS:
                break
        return picked


def alias_lookup(*, source: str, alias: str) -> Q:
    """The filter of the one alias remembered for (source, alias)."""
    return Q(source_key=normalise(source), alias_key=normalise(alias))
