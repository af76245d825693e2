"""The document model every pipeline stage reads and extends.

Boundary objects (what comes in and what goes out) are pydantic models so that
they are validated and serialisable; the per-token objects inside a document
are slotted dataclasses because a corpus holds millions of them and pydantic
validation per token would dominate the run time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field


class ActorType(str, Enum):
    state = "state"
    government = "government"
    armed_group = "armed_group"
    political_body = "political_body"
    igo = "igo"
    person = "person"
    media = "media"
    generic = "generic"


class Role(str, Enum):
    participant = "participant"
    mediator = "mediator"
    host = "host"
    guarantor = "guarantor"
    proposer = "proposer"
    rejecter = "rejecter"
    absent = "absent"


class EventType(str, Enum):
    meeting = "meeting"
    ceasefire = "ceasefire"


class Status(str, Enum):
    occurred = "occurred"
    ongoing = "ongoing"
    planned = "planned"
    proposed = "proposed"
    agreed = "agreed"
    called_for = "called_for"
    failed = "failed"
    rejected = "rejected"
    denied = "denied"
    suspended = "suspended"


class DatePrecision(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


# --------------------------------------------------------------------------
# Input boundary
# --------------------------------------------------------------------------


class ArticleMeta(BaseModel):
    """What `metadata.csv` may say about an article."""

    model_config = ConfigDict(extra="ignore")

    title: Optional[str] = None
    published: Optional[dt.date] = None
    source: Optional[str] = None
    url: Optional[str] = None


class Article(BaseModel):
    """One input file, decoded. `text` is the exact string all offsets index."""

    article_id: str
    path: str
    text: str = ""
    encoding: Optional[str] = None
    content_hash: str = ""
    meta: ArticleMeta = Field(default_factory=ArticleMeta)
    status: str = "ok"  # 'ok' | 'error'
    error: Optional[str] = None


# --------------------------------------------------------------------------
# Inside a document (hot path: plain slotted dataclasses)
# --------------------------------------------------------------------------


@dataclass(slots=True)
class Token:
    text: str  # exactly raw[start:end]
    norm: str  # normalised form used for matching
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)
    # The sentence's words as dictionary matching sees them, derived from
    # `tokens` once on first use (`matcher.word_view`) and shared by every pass.
    words: Optional["WordView"] = field(default=None, repr=False, compare=False)


@dataclass(slots=True)
class WordView:
    """A sentence's word tokens (punctuation left out) joined for matching."""

    joined: str  # " w1 w2 … wn " over the tokens' normalised forms
    word_index: list[int]  # token index of each word
    starts: list[int]  # offset of each word in `joined`
    word_of_end: dict[int, int]  # offset of the space after a word -> that word's number
    word_pos: list[int]  # per token: number of the last word at or before it (0 before the first)


@dataclass(slots=True)
class ActorMention:
    actor_id: str
    mention: str  # raw surface text
    start: int
    end: int
    sentence_index: int
    token_start: int  # index of first token within the sentence
    token_end: int  # one past the last token
    is_location: bool = False  # a capital used as a place, not as an actor
    via: str = "name"  # name | plural | adjective | capital | discovered
    proclitic: str = ""  # conjunction/preposition attached to the first word (و، ب، لل…)


@dataclass(slots=True)
class PlaceMention:
    place_id: str
    name_en: str
    mention: str
    start: int
    end: int
    sentence_index: int
    token_start: int
    token_end: int
    locative: bool = False  # introduced as a place: في حلب، بمدينة حلب، العاصمة أنقرة
    as_actor: bool = False  # the same words name a state acting (زار الرئيس كينيا): a place only as a destination


@dataclass(slots=True)
class DateMention:
    """A date expression in the text resolved against the article date."""

    mention: str
    start: int
    end: int
    sentence_index: int
    value: Optional[dt.date]
    precision: DatePrecision
    # a weekday with no direction ("الخميس"): its value is the latest such day up to
    # the article date; an event told in the present or future takes the next one
    open_weekday: Optional[int] = None


@dataclass(slots=True)
class TokenAnalysis:
    """What an optional model backend (backends/) says about one token.

    Filled only when a backend runs; the rule-based stages never need it.
    `head` is an index into the same sentence's `tokens` (-1: the root).
    """

    lemma: Optional[str] = None  # normalised lemma
    segments: tuple[str, ...] = ()  # clitic segmentation: ("و", "مفاوضات", "ها")
    upos: Optional[str] = None
    head: Optional[int] = None
    deprel: Optional[str] = None
    case: Optional[str] = None  # preposition governing the token (بين، مع، ب), normalised
    ner: Optional[str] = None  # BIOES tag
    source: str = ""  # backend(s) that filled it: "camel", "stanza", "camel+stanza"


@dataclass(slots=True)
class Phrase:
    """A noun phrase naming an actor, with what ties it to its clause (stages/syntax.py).

    "وزير الخارجية الروسي سيرغي لافروف" is one phrase: its tokens run from the
    title to the name, its `head` is the person, and the nisba is only what
    says which government he serves. Indices into `SentenceSyntax.mentions`.
    """

    token_start: int
    token_end: int
    head: int  # the mention that names who acts
    mentions: tuple[int, ...]  # every actor mention inside the phrase
    affiliation: int = -1  # the organisation the head belongs to or is backed by (القيادي في حركة X)
    case: str = ""  # the word or proclitic governing the phrase: "مع", "بين", "ب", "ل", "في"…; "" when bare
    case_token: int = -1  # token of that word (-1: a proclitic, or bare)
    group: int = -1  # coordinated phrases (X و Y، Z) share the index of the first
    clause: int = 0
    quoted: bool = False  # inside quotation marks
    titled: bool = False  # starts with a title or office word (وزير، الرئيس، وفد)


@dataclass(slots=True)
class SentenceSyntax:
    """The shallow syntax of one sentence: actor phrases and clauses."""

    mentions: list[ActorMention]  # the sentence's actor mentions that are actors (not places), in order
    phrases: list[Phrase]
    clause_of: list[int]  # clause index of each token
    clause_kind: list[str]  # per clause: main | reported | relative | subordinate | continued (مشيراً…)
    clause_opener: list[int]  # per clause: the token that opened it (-1 for the first)
    speech_verb: list[int]  # per clause: the speech verb whose report it is (-1: none)
    quoted: list[bool]  # per token: inside quotation marks


@dataclass
class Document:
    """One article as it moves through the pipeline; stages fill its fields."""

    article: Article
    # spans (start, end) of the raw text kept by the clean stage; None = not cleaned
    body_spans: Optional[list[tuple[int, int]]] = None
    sentences: list[Sentence] = field(default_factory=list)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    place_mentions: list[PlaceMention] = field(default_factory=list)
    date_mentions: list[DateMention] = field(default_factory=list)
    # a state named as an actor is also a place a visit can go to (زار الرئيس كينيا)
    state_places: list[PlaceMention] = field(default_factory=list)
    article_date: Optional[dt.date] = None
    events: list["Event"] = field(default_factory=list)
    new_actors: list["ActorMention"] = field(default_factory=list)
    # actor_id -> the provisional dictionary.ActorEntry this document proposed (discover.py, NER)
    new_actor_entries: dict = field(default_factory=dict)
    # per sentence index, one analysis per token; filled by optional backends only
    analyses: dict[int, list[TokenAnalysis]] = field(default_factory=dict)
    # the state the article is about, when one stands out (stages/entities.py)
    focus_country: Optional[str] = None
    # provisional actors of that state: organisations and holders of an office no
    # state qualifies, whose country discovery could not read (stages/discover.py)
    unplaced_actors: set[str] = field(default_factory=set)
    # per sentence index, its actor phrases and clauses (stages/syntax.py)
    syntax: dict[int, "SentenceSyntax"] = field(default_factory=dict)
    # title, outlet and how they were found (stages/provenance.py); empty: metadata only
    provenance: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def article_id(self) -> str:
        return self.article.article_id


# --------------------------------------------------------------------------
# Output boundary
# --------------------------------------------------------------------------


class EventActor(BaseModel):
    actor_id: str
    name_en: str
    name_ar: str
    actor_type: str
    country: Optional[str] = None
    role: Role
    mention: str


class Event(BaseModel):
    event_id: str
    article_id: str
    event_type: EventType
    cameo_code: str
    trigger: str
    sentence: str
    sentence_index: int
    char_start: int  # of the evidence sentence in the raw article text
    char_end: int
    trigger_start: int
    trigger_end: int
    actors: list[EventActor] = Field(default_factory=list)
    location: Optional[str] = None  # city-level canonical name
    location_detail: Optional[str] = None  # the place as named: district, road, crossing…
    location_id: Optional[str] = None
    event_date: Optional[dt.date] = None
    date_precision: Optional[DatePrecision] = None
    status: Status = Status.occurred
    negated: bool = False
    reported_by: Optional[str] = None
    confidence: float = 0.5
    refers_back: bool = False  # after a demonstrative (هذه القمة): the event just told of
    cluster_id: Optional[str] = None

    def actors_in(self, *roles: Role) -> list[EventActor]:
        return [a for a in self.actors if a.role in roles]
