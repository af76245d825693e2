"""Triggers: the words that report a meeting or a ceasefire, and which of them report one.

The forms are data (`resources/lexicons/triggers.yaml`). A trigger reports an
event only when it refers to a specific meeting or ceasefire: words inside a
name (الهيئة العليا للمفاوضات، مركز المصالحة), fixed phrases that only contain
a trigger word (لقاء ذلك، في لقاء مع صحيفة), and the `eventhood` rules of
`resources/lexicons/eventhood.yaml` (interviews, a single party's press
conference or speech, generic nouns used for a policy, conditions and goals)
silence it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from ...lexicon.matcher import Match, PhraseMatcher
from ...lexicon.normalize import normalize_ar
from ...models import EventType, Role

_PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "نا")
# trigger groups (triggers.yaml) of journeys: visits, arrivals, travel to a place
VISIT_GROUPS = frozenset({"visit", "visit_verb", "arrival", "arrival_noun"})


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: EventType
    group: str
    cameo: str
    kind: str  # noun | verb | role | not_event
    role: Optional[Role] = None
    needs_place: bool = False
    needs_with: bool = False
    position: str = "both"  # where the actor taking `role` stands: "after" the word, or "both"
    pronoun: str = ""  # an attached pronoun (لقائه → "ه"): the noun's owner is its agent
    verb_group: str = ""  # the verb group of a form that is also a verb (تفاوض: masdar and past verb)
    needs_after: tuple = ()  # normalised words one of which must follow (وقع … اتفاقا)
    needs_party: bool = False  # reports an event only with a party ("القافلة وصلت إلى…" is no visit)
    gathering: bool = False  # a gathering of many sides (talks, summit), which a report may tell with one


def with_pronouns(form: str) -> list[tuple[str, str]]:
    """(form, pronoun) of a one-word indefinite noun with an attached pronoun: اجتماعهم، لقائه، زيارتها.

    >>> [f for f, _ in with_pronouns("لقاء")][:2]
    ['لقائه', 'لقائها']
    """
    if " " in form or form.startswith("ال") or len(form) < 4:
        return []
    if form.endswith("ة"):
        stem = form[:-1] + "ت"
    elif form.endswith("اء"):
        stem = form[:-1] + "ئ"  # لقاء -> لقائه
    elif form.endswith("ا"):
        return []  # an accusative (اجتماعا) takes no pronoun
    else:
        stem = form
    return [(stem + suffix, suffix) for suffix in _PRONOUN_SUFFIXES]


def compile_triggers(lexicon: dict) -> PhraseMatcher:
    """One matcher over every trigger form (with proclitics, and nouns with their pronouns).

    A form listed both as a noun and as a verb (تفاوض) keeps the noun reading and
    names the verb group, which frames.py reads when the noun's frame finds nobody.
    """
    matcher = PhraseMatcher()
    verb_of = {
        normalize_ar(f): g["name"]
        for groups in lexicon.values() for g in groups if g["kind"] == "verb" for f in g["forms"]
    }
    for type_name, groups in lexicon.items():
        for g in groups:
            trig = Trigger(
                EventType(type_name),
                g["name"],
                str(g["cameo"]),
                g["kind"],
                Role(g["role"]) if g.get("role") else None,
                bool(g.get("needs_place")),
                bool(g.get("needs_with")),
                g.get("position", "both"),
                needs_after=tuple(normalize_ar(w) for w in g.get("needs_after") or ()),
                needs_party=bool(g.get("needs_party")),
                gathering=bool(g.get("gathering")),
            )
            if g["kind"] == "noun":
                for f in g["forms"]:
                    both = verb_of.get(normalize_ar(f))
                    if both:
                        matcher.add(f, replace(trig, verb_group=both))
            if not g.get("pronoun_only"):  # "وصول" alone is any arrival (of aid, of a team); "وصوله" a person's
                matcher.add_many(list(g["forms"]), trig)
            if g["kind"] == "noun":
                for f in g["forms"]:
                    for form, pronoun in with_pronouns(f):
                        matcher.add(form, replace(trig, pronoun=pronoun))
    return matcher.build()


def is_definite(norm: str) -> bool:
    """"المحادثات", "والاجتماع", "للمفاوضات": a definite trigger, which may refer back to a known event."""
    for prefix in ("", "و", "ف", "ب", "وب", "ل", "ول"):
        if norm.startswith(prefix + "ال"):
            return True
    return norm.startswith(("لل", "ولل"))


def normalise_all(words) -> set[str]:
    return {normalize_ar(w) for w in words}


def trigger_words(sentence, m: Match) -> list[str]:
    return [t.norm for t in sentence.tokens[m.token_start : m.token_end]]
