"""Optional model backends: what statistical models add when they are installed.

The default pipeline needs no model. Two backends can be switched on with
`aleppo-events run --backend stanza,camel` when their models are on disk:

- `stanza` (stanza_backend.py): stanza's Arabic pipeline (tokenize, mwt, pos,
  lemma, depparse, ner, whatever is installed) from `STANZA_RESOURCES_DIR`.
  Dependency heads refine argument roles (subject of استضافت is the host,
  the complement of برعاية the mediator, بين/مع X a participant); NER proposes
  people and organisations the dictionary lacks.
- `camel` (camel_backend.py): the camel-tools morphology database (and the MLE
  disambiguator when its model is there) from `CAMELTOOLS_DATA`. Lemmas and
  clitic segmentation let actor and trigger matching see through enclitic
  pronouns and inflection (مفاوضاتها → مفاوضات).

Nothing is ever downloaded at run time: `make models` fetches the models on a
machine with internet, `aleppo-events doctor` says what is usable and why not.
"""

from __future__ import annotations

import hashlib
from typing import Iterable, Sequence

from .errors import BackendUnavailable

BACKENDS = ("stanza", "camel")
__all__ = ["BACKENDS", "BackendUnavailable", "fingerprint", "locations", "parse_backends", "statuses", "with_backends"]


def parse_backends(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """Backend names from CLI values ("stanza,camel", "rules", repeated flags), checked.

    >>> parse_backends(["stanza,camel", "stanza"])
    ('camel', 'stanza')
    >>> parse_backends("rules")
    ()
    """
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    names: set[str] = set()
    for value in values:
        for name in value.split(","):
            name = name.strip().lower()
            if not name or name in ("rules", "none"):
                continue
            if name == "all":
                names.update(BACKENDS)
            elif name in BACKENDS:
                names.add(name)
            else:
                raise ValueError(f"unknown backend {name!r}: choose from rules, {', '.join(BACKENDS)}, all")
    return tuple(sorted(names))


def statuses(locations: dict[str, str] | None = None) -> dict:
    """Name -> status object (with `.ok` and `.describe()`) of every backend.

    `locations` pins a backend's model folder (name -> path); otherwise each
    looks where its environment variable or default says.
    """
    from .camel_backend import camel_status
    from .stanza_backend import stanza_status

    locations = locations or {}
    return {"stanza": stanza_status(locations.get("stanza")), "camel": camel_status(locations.get("camel"))}


def locations(backends: Sequence[str]) -> dict[str, str]:
    """Where the named backends' models are, resolved now: worker processes get these
    folders rather than their own environment's."""
    found = statuses()
    return {name: str(found[name].directory) for name in parse_backends(list(backends))}


def fingerprint(backends: Sequence[str]) -> str:
    """What the rows depend on when backends run: their names and model files."""
    if not backends:
        return ""
    status = statuses()
    for name in backends:
        if not status[name].ok:
            raise BackendUnavailable(status[name].describe())
    parts = [f"{name}:{status[name].fingerprint()}" for name in sorted(backends)]
    return "backends=" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def with_backends(stages: list, backends: Sequence[str], where: dict[str, str] | None = None) -> list:
    """The stages with each backend's own stages inserted where they belong.

    camel: after `text` (matching then sees its segmentation);
    stanza: its analysis after `discover` (NER proposals reach event linking),
    its role refinement after `events`. Raises BackendUnavailable, in plain
    words, when a backend cannot run here.
    """
    backends = parse_backends(list(backends))
    if not backends:
        return stages
    status = statuses(where)
    for name in backends:
        if not status[name].ok:
            raise BackendUnavailable(status[name].describe())
    out = list(stages)

    def insert_after(stage_name: str, new) -> None:
        names = [s.name for s in out]
        at = names.index(stage_name) + 1 if stage_name in names else len(out)
        out.insert(at, new)

    if "camel" in backends:
        from .camel_backend import CamelStage

        insert_after("text", _loaded(CamelStage(status["camel"]), "camel"))
    if "stanza" in backends:
        from .stanza_backend import StanzaStage, SyntaxRoleStage

        stage = _loaded(StanzaStage(status["stanza"]), "stanza")
        insert_after("discover" if any(s.name == "discover" for s in out) else "places", stage)
        insert_after("events", SyntaxRoleStage())
    return out


def _loaded(stage, name: str):
    """The stage with its models loaded now, so that a broken model stops the run
    before any article instead of turning every article into an error row."""
    try:
        stage.analyzer
    except BackendUnavailable:
        raise
    except Exception as exc:
        raise BackendUnavailable(f"{name}: the models are installed but could not be loaded: {type(exc).__name__}: {exc}") from exc
    return stage
