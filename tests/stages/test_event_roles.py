"""Argument roles read from the sentence's structure, and event dates.

بين X و Y / مع X → participants; برعاية، بوساطة، X تتوسط → mediator;
استضافت، X تستضيف → host; بضمانة → guarantor; بغياب، غابت عنه، استبعاد، دون →
absent (never participant); a و-list shares its role; what an event is about
(العقوبات على روسيا) is no party; media outlets are sources, never parties.
Dates resolve against the article date with their precision.
Sentences are written for this file.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import events, one_event, roles, run

THU = dt.date(2023, 3, 16)  # a Thursday


# --------------------------------------------------------------------------
# Participants: بين X و Y، مع X
# --------------------------------------------------------------------------

PARTICIPANTS = [
    ("وعقدت قمة ثلاثية بين مصر والأردن وفلسطين في القاهرة.", {"EGY": "participant", "JOR": "participant", "PSE": "participant"}),
    ("والتقى وزير الخارجية الإسرائيلي مع نظيره البحريني في المنامة.", {"ISR-GOV": "participant", "BHR-GOV": "participant"}),
    ("وجرت مفاوضات السلام بين الحكومة السودانية والحركة الشعبية شمال في جوبا برعاية جنوب السودان.",
     {"SDN-GOV": "participant", "splm_n": "participant", "SSD": "mediator"}),
    ("وعقد الوفد العراقي لقاء مع الإيرانيين في بغداد.", {"IRQ-GOV": "participant", "IRN": "participant"}),
    ("واجتمعت تركيا وروسيا وإيران في طهران.", {"TUR": "participant", "RUS": "participant", "IRN": "participant"}),
]


@pytest.mark.parametrize("text,expected", PARTICIPANTS)
def test_participants(text, expected):
    assert roles(one_event(text)) == expected


def test_capital_venue_is_not_a_participant():
    """Tehran is where Turkey, Russia and Iran met; Iran takes part once, as Iran."""
    e = one_event("واجتمعت تركيا وروسيا وإيران في طهران.")
    assert [a.mention for a in e.actors] == ["تركيا", "روسيا", "إيران"]
    assert e.location == "Tehran"


# --------------------------------------------------------------------------
# Mediators
# --------------------------------------------------------------------------

MEDIATORS = [
    ("وعقدت في القاهرة محادثات بين حركة حماس وإسرائيل بوساطة مصرية قطرية.",
     {"hamas": "participant", "ISR": "participant", "EGY": "mediator", "QAT": "mediator"}),
    ("وتتوسط الكويت بين السعودية وقطر لإنهاء الأزمة الخليجية.",
     {"KWT": "mediator", "SAU": "participant", "QAT": "participant"}),
    ("وعقدت المحادثات برعاية الاتحاد الأفريقي في بريتوريا.", {"AU": "mediator"}),
    ("وأجرت السعودية محادثات مع الحوثيين بوساطة عمانية.",
     {"SAU": "participant", "houthis": "participant", "OMN": "mediator"}),
    ("استضافت جدة محادثات بين الجيش السوداني وقوات الدعم السريع بوساطة سعودية أمريكية.",
     {"SDN-GOV": "participant", "rsf": "participant", "SAU": "mediator", "USA": "mediator"}),
    ("وتوسطت قطر والنرويج في محادثات بين الحكومة الإثيوبية وجبهة تيغراي.",
     {"QAT": "mediator", "NOR": "mediator", "ETH-GOV": "participant", "tplf": "participant"}),
]


@pytest.mark.parametrize("text,expected", MEDIATORS)
def test_mediators(text, expected):
    e = one_event(text, event_type="meeting")
    assert roles(e) == expected


def test_mediation_verb_gives_mediation_cameo():
    e = one_event("وتتوسط الكويت بين السعودية وقطر لإنهاء الأزمة الخليجية.")
    assert (e.cameo_code, e.trigger) == ("045", "وتتوسط")


def test_mediated_talks_keep_their_venue():
    e = one_event("وعقدت في القاهرة محادثات بين حركة حماس وإسرائيل بوساطة مصرية قطرية.")
    assert e.location == "Cairo"


# --------------------------------------------------------------------------
# Hosts
# --------------------------------------------------------------------------

HOSTS = [
    ("واستضافت سلطنة عمان جولة جديدة من المحادثات بين السعودية والحوثيين.",
     {"OMN": "host", "SAU": "participant", "houthis": "participant"}),
    ("وتستضيف الدوحة مفاوضات بين الولايات المتحدة وحركة طالبان.",
     {"QAT": "host", "USA": "participant", "taliban": "participant"}),
    ("وتستضيف سلطنة عمان جولة جديدة من المفاوضات بين إيران والولايات المتحدة.",
     {"OMN": "host", "IRN": "participant", "USA": "participant"}),
    ("واستقبل وزير الخارجية التركي الوفد الليبي.", {"TUR-GOV": "host", "LBY-GOV": "participant"}),
]


@pytest.mark.parametrize("text,expected", HOSTS)
def test_hosts(text, expected):
    assert roles(one_event(text)) == expected


def test_hosting_capital_gives_the_venue():
    e = one_event("وتستضيف الدوحة مفاوضات بين الولايات المتحدة وحركة طالبان.")
    assert (e.location, e.status.value) == ("Doha", "ongoing")


# --------------------------------------------------------------------------
# Guarantors
# --------------------------------------------------------------------------

GUARANTORS = [
    ("ودخلت الهدنة حيز التنفيذ بضمانة روسيا وتركيا.", {"RUS": "guarantor", "TUR": "guarantor"}, None),
    ("وبدأ سريان وقف إطلاق النار في إدلب بضمانة روسية تركية.", {"RUS": "guarantor", "TUR": "guarantor"}, "Idlib"),
]


@pytest.mark.parametrize("text,expected,location", GUARANTORS)
def test_guarantors(text, expected, location):
    e = one_event(text)
    assert (e.event_type.value, e.status.value, e.location) == ("ceasefire", "agreed", location)
    assert roles(e) == expected


# --------------------------------------------------------------------------
# Absent: never participant
# --------------------------------------------------------------------------

ABSENT = [
    ("وعقد الاجتماع بين مصر والأردن في القاهرة بغياب قطر.", {"EGY": "participant", "JOR": "participant", "QAT": "absent"}, "Cairo"),
    ("وعقدت القمة العربية في جدة وغابت عنها سوريا.", {"SYR": "absent"}, "Jeddah"),
    ("وعقدت القمة في الجزائر بغياب المغرب والإمارات والبحرين.",
     {"MAR": "absent", "ARE": "absent", "BHR": "absent"}, "Algeria"),
    ("وعقد وزراء خارجية مصر والأردن اجتماعا طارئا بغياب سوريا وليبيا.",
     {"EGY-GOV": "participant", "JOR-GOV": "participant", "SYR": "absent", "LBY": "absent"}, None),
    ("وجرت المحادثات في أنقرة دون الولايات المتحدة.", {"USA": "absent"}, "Ankara"),
    ("وعقد الاجتماع بين مصر والأردن دون مشاركة إيران.", {"EGY": "participant", "JOR": "participant", "IRN": "absent"}, None),
    ("وقررت القمة استبعاد روسيا من المحادثات بين فرنسا وألمانيا.", {"FRA": "participant", "DEU": "participant", "RUS": "absent"}, None),
    ("وطالبت موسكو باستبعاد واشنطن من المفاوضات بين تركيا وإيران.", {"TUR": "participant", "IRN": "participant", "USA": "absent"}, None),
]


@pytest.mark.parametrize("text,expected,location", ABSENT)
def test_absent_actors(text, expected, location):
    e = one_event(text)
    assert roles(e) == expected
    assert e.location == location
    assert not e.negated


def test_absent_and_participants_in_one_sentence():
    e = one_event("وعقدت محادثات بين السعودية وإيران في بغداد بغياب الولايات المتحدة.")
    assert roles(e) == {"SAU": "participant", "IRN": "participant", "USA": "absent"}
    assert e.location == "Baghdad"


# --------------------------------------------------------------------------
# Topic actors are no party; media outlets are never parties
# --------------------------------------------------------------------------

TOPIC = [
    ("وعقد وزراء خارجية الاتحاد الأوروبي اجتماعا في بروكسل لبحث العقوبات على روسيا.", {"EU": "participant"}, "Brussels"),
    ("واجتمع وزراء خارجية الاتحاد الأوروبي في لوكسمبورغ وناقشوا العقوبات على روسيا.", {"EU": "participant"}, "Luxembourg"),
    ("وناقش الاجتماع بين فرنسا وألمانيا في جنيف العقوبات على روسيا وإيران.", {"FRA": "participant", "DEU": "participant"}, "Geneva"),
]


@pytest.mark.parametrize("text,expected,location", TOPIC)
def test_sanctions_target_is_not_a_party(text, expected, location):
    e = one_event(text)
    assert roles(e) == expected
    assert e.location == location


MEDIA = [
    ("ووفق وكالة رويترز، التقى مبعوث أمريكي مع قادة الحوثيين في مسقط.",
     {"USA-GOV": "participant", "houthis": "participant"}, "Reuters"),
    ("وذكرت وكالة الأناضول أن أردوغان التقى نظيره الأذربيجاني في باكو.",
     {"recep_tayyip_erdogan": "participant", "AZE-GOV": "participant"}, "Anadolu Agency"),
    ("وبحسب فرانس برس، اتفق الجيش السوداني وقوات الدعم السريع على هدنة لمدة أسبوع.",
     {"SDN-GOV": "participant", "rsf": "participant"}, "Agence France-Presse"),
    ("وكشفت صحيفة الشرق الأوسط أن محادثات سرية جرت بين الرياض وطهران في بغداد.",
     {"SAU": "participant", "IRN": "participant"}, "Asharq Al-Awsat"),
]


@pytest.mark.parametrize("text,expected,source", MEDIA)
def test_media_outlets_are_sources_not_parties(text, expected, source):
    e = one_event(text)
    assert roles(e) == expected
    assert e.reported_by == source


# --------------------------------------------------------------------------
# Event dates resolved against the article date
# --------------------------------------------------------------------------

DATES = [
    ("والتقى وزير الخارجية السعودي اليوم الخميس نظيره الإيراني في بكين.", dt.date(2023, 3, 16), "day"),
    ("واجتمع وزراء خارجية الاتحاد الأوروبي أمس في بروكسل.", dt.date(2023, 3, 15), "day"),
    ("ودخلت الهدنة في اليمن حيز التنفيذ أول من أمس برعاية الأمم المتحدة.", dt.date(2023, 3, 14), "day"),
    ("والتقى الرئيس المصري الأحد الماضي رئيس المجلس الرئاسي الليبي في القاهرة.", dt.date(2023, 3, 12), "day"),
    ("وعقدت الأسبوع الماضي في الدوحة جولة محادثات بين الولايات المتحدة وحركة طالبان.", dt.date(2023, 3, 6), "week"),
    ("اجتمع وزيرا خارجية قطر والنرويج في أوسلو الشهر الماضي.", dt.date(2023, 2, 1), "month"),
    ("وعقدت القمة في 14 آذار في الرياض.", dt.date(2023, 3, 14), "day"),
]


@pytest.mark.parametrize("text,date,precision", DATES)
def test_event_date_against_article_date(text, date, precision):
    found = events(text, published=THU)
    assert found, "no event"
    assert [(e.event_date, e.date_precision.value) for e in found] == [(date, precision)] * len(found)


def test_dateline_gives_the_article_date():
    text = "الرياض - 5 أيار 2019\nاستقبل ولي العهد السعودي أمس رئيس وزراء إثيوبيا."
    e = one_event(text)
    assert (e.event_date, e.date_precision.value) == (dt.date(2019, 5, 4), "day")
    assert [(a.country, a.role.value) for a in e.actors] == [("SAU", "host"), ("ETH", "participant")]


def test_roles_with_dated_meeting_in_the_gulf():
    e = one_event("والتقى وزير الخارجية السعودي اليوم الخميس نظيره الإيراني في بكين.", published=THU)
    assert roles(e) == {"SAU-GOV": "participant", "IRN-GOV": "participant"}
    assert (e.location, e.status.value) == ("Beijing", "occurred")


# --------------------------------------------------------------------------
# The opposition of the article's country, and a rebel leader's own movement
# --------------------------------------------------------------------------

SUDAN_2017 = (
    "وقال مسؤولون في الخرطوم إن الحرب في جنوب كردفان دخلت عامها السادس في السودان. "
    "وتعثرت المفاوضات بين الجيش السوداني والمتمردين في أديس أبابا. "
    "وتأمل الحكومة السودانية في استئناف المحادثات قريبا. "
    "والتقى قائد التمرد عبد العزيز الحلو وفدا من الاتحاد الأفريقي في جوبا."
)


def test_bare_rebels_are_the_article_countrys_and_a_leader_brings_his_movement():
    by_trigger = {e.trigger: roles(e) for e in events(SUDAN_2017, event_type="meeting")}
    # "المتمردين" in news about Sudan is Sudan's insurgents, never Syria's opposition
    assert by_trigger["المفاوضات"] == {"SDN-GOV": "participant", "SDN-OPP": "participant"}
    # "قائد التمرد" says what he leads only generically: the dictionary names his movement
    assert by_trigger["والتقى"] == {"abdelaziz_al_hilu": "participant", "splm_n": "participant", "AU": "participant"}


# --------------------------------------------------------------------------
# A person the dictionary does not know serves the state their title names
# --------------------------------------------------------------------------

UNKNOWN_OFFICIALS = [
    ("وحضر القمة أمير قطر الشيخ سلطان بن فهد العطية ورئيس وزراء ماليزيا.", "QAT"),
    ("واستقبل رئيس تنزانيا جون موغابا الكبير وفدا من الاتحاد الأفريقي.", "TZA"),
]


@pytest.mark.parametrize("text,country", UNKNOWN_OFFICIALS)
def test_a_provisional_person_takes_the_country_of_their_office(text, country):
    doc = run(text)
    provisional = [a for e in doc.events for a in e.actors if a.actor_id.startswith("new:")]
    assert provisional, "the unknown name is proposed as a new actor"
    assert {a.country for a in provisional} == {country}
    # ... and the table of new actors says so too
    assert {doc.new_actor_entries[a.actor_id].country for a in provisional} == {country}
