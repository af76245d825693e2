"""One article's mentions of one event share its day and whether it happened yet
(stages/events/harmonize.py).

The events are built by hand, as the extractor would leave them, so that each
rule is tested alone: an undated mention takes its group's one day; a meeting
whose group is dated after the article is planned (with the CAMEO code the
callback gives); the lead's day dates the story's undated meeting; events of
different parties stay apart; cluster ids are left to resolution.
"""

from __future__ import annotations

import datetime as dt

import pytest

from aleppo_events.models import DatePrecision, Event, EventActor, EventType, Role, Status
from aleppo_events.stages.events.harmonize import harmonize

ARTICLE = dt.date(2018, 7, 8)  # Abiy Ahmed's visit to Asmara
LATER = dt.date(2018, 7, 12)
EARLIER = dt.date(2018, 7, 6)

_ACTORS = {
    "ETH-GOV": ("Ethiopian government", "الحكومة الإثيوبية", "government", "ETH"),
    "ERI-GOV": ("Eritrean government", "الحكومة الإريترية", "government", "ERI"),
    "COL-GOV": ("Colombian government", "الحكومة الكولومبية", "government", "COL"),
    "farc": ("FARC", "القوات المسلحة الثورية الكولومبية", "armed_group", "COL"),
}


def _actor(actor_id: str, role: Role = Role.participant) -> EventActor:
    en, ar, kind, country = _ACTORS[actor_id]
    return EventActor(actor_id=actor_id, name_en=en, name_ar=ar, actor_type=kind, country=country, role=role, mention=ar)


def _event(n: int, sentence: int, *, parties=("ETH-GOV", "ERI-GOV"), event_type=EventType.meeting, day=None,
           precision=None, status=Status.occurred, negated=False, trigger="محادثات", cameo="040") -> Event:
    start = sentence * 100
    return Event(
        event_id=f"e{n}", article_id="a", event_type=event_type, cameo_code=cameo, trigger=trigger,
        sentence="جملة", sentence_index=sentence, char_start=start, char_end=start + 50,
        trigger_start=start + 5, trigger_end=start + 5 + len(trigger), actors=[_actor(a) for a in parties],
        event_date=day, date_precision=precision if precision is not None else (DatePrecision.day if day else None),
        status=status, negated=negated, cluster_id=f"c{n}",
    )


def _cameo(event_type, status, current):
    """The callback's contract: the code for the new status; recorded to check it is called."""
    _cameo.calls.append((event_type, status, current))
    return "036" if status == Status.planned else current


_cameo.calls = []


@pytest.fixture(autouse=True)
def _reset_calls():
    _cameo.calls.clear()


def test_empty_list_is_a_no_op():
    events: list[Event] = []
    harmonize(events, ARTICLE, _cameo)
    assert events == [] and _cameo.calls == []


def test_undated_mention_takes_the_groups_one_day():
    dated = _event(1, 0, day=EARLIER)
    undated = _event(2, 2)
    harmonize([dated, undated], ARTICLE, _cameo)
    assert (undated.event_date, undated.date_precision) == (EARLIER, DatePrecision.day)
    assert dated.event_date == EARLIER
    assert dated.status == undated.status == Status.occurred  # the day is not after the article


def test_a_month_is_not_a_day_to_share():
    """Only day-precise dates are shared: "في تموز" says no one day."""
    month = _event(1, 0, day=dt.date(2018, 7, 1), precision=DatePrecision.month)
    undated = _event(2, 1)
    harmonize([month, undated], ARTICLE, _cameo)
    assert undated.event_date is None and undated.date_precision is None
    assert (month.event_date, month.date_precision) == (dt.date(2018, 7, 1), DatePrecision.month)


def test_group_dated_after_the_article_is_planned_with_the_callbacks_code():
    """The headline's past tense does not hold against "next Thursday" in the body."""
    headline = _event(1, 0, status=Status.occurred)
    body = _event(2, 3, day=LATER, status=Status.ongoing)
    harmonize([headline, body], ARTICLE, _cameo)
    assert [e.status for e in (headline, body)] == [Status.planned, Status.planned]
    assert [e.cameo_code for e in (headline, body)] == ["036", "036"]
    assert headline.event_date == LATER
    assert _cameo.calls == [(EventType.meeting, Status.planned, "040"), (EventType.meeting, Status.planned, "040")]


def test_negated_and_already_non_occurred_mentions_keep_their_status():
    negated = _event(1, 0, day=LATER, negated=True)
    failed = _event(2, 1, day=LATER, status=Status.failed)
    harmonize([negated, failed], ARTICLE, _cameo)
    assert (negated.status, failed.status) == (Status.occurred, Status.failed)
    assert _cameo.calls == []


def test_no_article_date_shares_days_but_plans_nothing():
    dated = _event(1, 0, day=LATER)
    undated = _event(2, 1)
    harmonize([dated, undated], None, _cameo)
    assert undated.event_date == LATER
    assert dated.status == undated.status == Status.occurred


def test_only_meetings_become_planned():
    truce = _event(1, 0, event_type=EventType.ceasefire, day=LATER, trigger="هدنة", cameo="0871")
    harmonize([truce], ARTICLE, _cameo)
    assert (truce.status, truce.cameo_code) == (Status.occurred, "0871")


def test_two_days_in_a_group_date_no_undated_mention():
    """Talks dated the 6th and the 7th: the undated mention is given neither day."""
    first = _event(1, 0, day=dt.date(2018, 7, 6))
    second = _event(2, 1, day=dt.date(2018, 7, 7))
    undated = _event(3, 2)
    harmonize([first, second, undated], ARTICLE, _cameo)
    assert undated.event_date is None


def test_events_of_other_parties_are_another_group():
    """Colombia's talks dated later do not date, nor plan, Ethiopia's undated meeting."""
    horn = _event(1, 0)
    colombia = _event(2, 1, parties=("COL-GOV", "farc"), day=LATER)
    harmonize([horn, colombia], ARTICLE, _cameo)
    assert horn.event_date is None and horn.status == Status.occurred
    assert colombia.status == Status.planned


@pytest.mark.parametrize(
    "sentence,status,expected",
    [
        (0, Status.occurred, ARTICLE),  # told in the lead: happened on the lead's day
        (0, Status.ongoing, ARTICLE),
        (5, Status.occurred, None),  # told only later in the article
        (0, Status.planned, None),  # a planned meeting did not happen "today"
    ],
)
def test_lead_day_dates_the_storys_undated_meeting(sentence, status, expected):
    e = _event(1, sentence, status=status)
    harmonize([e], ARTICLE, _cameo, lead_day=ARTICLE, lead_sentences=2)
    assert e.event_date == expected
    assert e.date_precision == (DatePrecision.day if expected else None)


def test_lead_day_is_not_given_to_other_event_types():
    truce = _event(1, 0, event_type=EventType.ceasefire, trigger="هدنة")
    harmonize([truce], ARTICLE, _cameo, lead_day=ARTICLE, lead_sentences=2)
    assert truce.event_date is None


def test_cluster_ids_are_cleared_for_resolution():
    events = [_event(1, 0), _event(2, 1, parties=("COL-GOV", "farc"))]
    harmonize(events, ARTICLE, _cameo)
    assert [e.cluster_id for e in events] == [None, None]


def test_a_mention_naming_no_one_and_no_place_dates_nothing():
    """"الرجل الذي كان في زيارة من …، بتاريخ 4 آذار": the visit of a relative clause is the
    man's, not the topic's, and a mention naming no one and no place dates nothing."""
    from helpers import events

    text = ("وتزور المستشارة الألمانية نيروبي حيث تلتقي الرئيس الكيني. "
            "وقالت الشرطة إن الرجل الذي كان في زيارة من بيروت عثر عليه بتاريخ 4 آذار/مارس فاقدا الوعي.")
    dated = [e.event_date for e in events(text, __import__("datetime").date(2018, 5, 18), "meeting") if e.actors]
    assert dated and all(d is None or d.month != 3 for d in dated)


def test_the_leads_story_dated_nowhere_is_the_articles_day():
    from helpers import events as found_events
    day = dt.date(2012, 5, 3)
    truce = found_events("بدأ سريان اتفاق التهدئة بين الحكومة الكولومبية والمتمردين في بوغوتا.", day, "ceasefire")
    assert [e.event_date for e in truce] == [day]
    # background told later in the article keeps no date
    text = ("وصل الرئيس الكيني إلى كمبالا. وأضاف البيان أن الرئيسين بحثا التجارة. ولفت إلى أن العلاقات جيدة. "
            "وكان الرئيس الكيني قد التقى نظيره التنزاني في دار السلام.")
    late = [e for e in found_events(text, day, "meeting") if "TZA-GOV" in {a.actor_id for a in e.actors}]
    assert late and all(e.event_date is None for e in late)
