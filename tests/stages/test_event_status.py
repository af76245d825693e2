"""What came of each event and who said so: status, negation, reported_by.

Sentences are written for this file and cover talks and truces worldwide.
Each case asserts the exact status (and negation, parties, source).
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import one_event, roles

THU = dt.date(2023, 3, 16)  # a Thursday


# --------------------------------------------------------------------------
# failed
# --------------------------------------------------------------------------

FAILED = [
    ("لم تتمخض المحادثات بين الخرطوم وجوبا عن نتائج ملموسة.", "meeting", {"SDN": "participant", "SSD": "participant"}),
    ("وتعثرت المفاوضات بين إثيوبيا ومصر حول سد النهضة.", "meeting", {"ETH": "participant", "EGY": "participant"}),
    ("وفشلت المحادثات بين إسرائيل وحماس في القاهرة في التوصل إلى اتفاق.", "meeting",
     {"ISR": "participant", "hamas": "participant"}),
    ("ولم تسفر جولة المفاوضات في جدة عن أي اتفاق بين الطرفين.", "meeting", {}),
    ("وانهارت الهدنة في الخرطوم بعد ساعات من إعلانها.", "ceasefire", {}),
]


@pytest.mark.parametrize("text,event_type,expected_roles", FAILED)
def test_failed(text, event_type, expected_roles):
    e = one_event(text, event_type=event_type)
    assert (e.status.value, e.negated) == ("failed", False)
    assert roles(e) == expected_roles


def test_failed_ceasefire_has_refusal_cameo():
    e = one_event("وانهارت الهدنة في الخرطوم بعد ساعات من إعلانها.")
    assert (e.location, e.cameo_code) == ("Khartoum", "1246")


# --------------------------------------------------------------------------
# denied (negated)
# --------------------------------------------------------------------------

DENIED = [
    ("ونفت الخارجية الأردنية عقد أي لقاء مع مسؤولين إسرائيليين.", {"JOR-GOV": "participant", "ISR-GOV": "participant"}),
    ("ونفى المتحدث باسم حركة حماس أن يكون وفد الحركة قد التقى مسؤولين أمريكيين في الدوحة.",
     {"hamas": "participant", "USA-GOV": "participant"}),
    ("ونفت وزارة الخارجية القطرية أن يكون الوزير قد التقى مسؤولين إسرائيليين.",
     {"QAT-GOV": "participant", "ISR-GOV": "participant"}),
    ("وقالت الجزائر إنها لم تشارك في اجتماع الرباط بين المغرب وفرنسا.", {"DZA": "absent", "MAR": "participant", "FRA": "participant"}),
]


@pytest.mark.parametrize("text,expected_roles", DENIED)
def test_denied_and_negated(text, expected_roles):
    e = one_event(text)
    assert (e.status.value, e.negated) == ("denied", True)
    assert roles(e) == expected_roles


def test_occurred_meeting_is_not_negated():
    e = one_event("والتقى الرئيس الفلسطيني مع رئيس الوزراء الإسرائيلي في شرم الشيخ.")
    assert (e.status.value, e.negated, e.cameo_code) == ("occurred", False, "040")


# --------------------------------------------------------------------------
# planned
# --------------------------------------------------------------------------

PLANNED = [
    ("ومن المزمع أن يلتقي وزير الخارجية السعودي نظيره الإيراني في بكين.", "Beijing", None, None),
    ("وسيعقد وزراء خارجية الاتحاد الأوروبي اجتماعا في بروكسل الأسبوع المقبل.", "Brussels", dt.date(2023, 3, 20), "week"),
    ("ومن المقرر أن يزور الرئيس التركي القاهرة الشهر المقبل.", "Cairo", dt.date(2023, 4, 1), "month"),
    ("وستستضيف الرياض اجتماعا لوزراء خارجية مجلس التعاون الخليجي الأسبوع المقبل.", "Riyadh", dt.date(2023, 3, 20), "week"),
    ("وأكدت الرئاسة التركية أن القمة ستعقد في إسطنبول.", "Istanbul", None, None),
]


@pytest.mark.parametrize("text,location,date,precision", PLANNED)
def test_planned(text, location, date, precision):
    e = one_event(text, published=THU)
    assert (e.status.value, e.negated, e.cameo_code) == ("planned", False, "036")
    assert e.location == location
    assert e.event_date == date
    assert (e.date_precision.value if e.date_precision else None) == precision


# --------------------------------------------------------------------------
# proposed
# --------------------------------------------------------------------------

PROPOSED = [
    ("واقترحت مصر هدنة إنسانية في غزة لمدة أسبوع.", "Gaza", "EGY"),
    ("وطرحت الجزائر مبادرة لوقف إطلاق النار في ليبيا.", "Libya", "DZA"),
    ("وطرحت مصر مبادرة لوقف إطلاق النار في غزة.", "Gaza", "EGY"),
]


@pytest.mark.parametrize("text,location,proposer", PROPOSED)
def test_proposed_ceasefire(text, location, proposer):
    e = one_event(text)
    assert (e.event_type.value, e.status.value, e.negated) == ("ceasefire", "proposed", False)
    assert e.location == location
    assert roles(e) == {proposer: "proposer"}
    assert e.cameo_code == "0356"


# --------------------------------------------------------------------------
# agreed
# --------------------------------------------------------------------------

AGREED = [
    ("واتفق الجانبان على وقف إطلاق النار في جنوب السودان.", "South Sudan", {}),
    # no place named: the ceasefire concerns the parties' country
    ("واتفق الجيش السوداني وقوات الدعم السريع على هدنة لمدة سبعة أيام.", "Sudan",
     {"SDN-GOV": "participant", "rsf": "participant"}),
    # who announces or which "Libyan parties" agreed is left to the role tests
    ("أعلنت مصر التوصل إلى وقف إطلاق النار في غزة.", "Gaza", None),
    ("وتم الاتفاق على وقف إطلاق النار في طرابلس بين الأطراف الليبية.", "Tripoli", None),
]


@pytest.mark.parametrize("text,location,expected_roles", AGREED)
def test_agreed_ceasefire(text, location, expected_roles):
    e = one_event(text, event_type="ceasefire")
    assert (e.status.value, e.negated, e.cameo_code) == ("agreed", False, "0871")
    assert e.location == location
    if expected_roles is not None:
        assert roles(e) == expected_roles


# --------------------------------------------------------------------------
# called_for
# --------------------------------------------------------------------------

CALLED_FOR = [
    ("وأكد الأمين العام على ضرورة وقف إطلاق النار في غزة.", "Gaza"),
    ("دعت الأمم المتحدة إلى هدنة في اليمن خلال شهر رمضان.", "Yemen"),
    ("ودعا الأمين العام للأمم المتحدة إلى وقف إطلاق النار في السودان.", "Sudan"),
    ("وشدد الاتحاد الأوروبي على ضرورة التوصل إلى هدنة في غزة.", "Gaza"),
]


@pytest.mark.parametrize("text,location", CALLED_FOR)
def test_called_for_ceasefire(text, location):
    e = one_event(text)
    assert (e.event_type.value, e.status.value, e.negated, e.cameo_code) == ("ceasefire", "called_for", False, "0256")
    assert e.location == location


# --------------------------------------------------------------------------
# rejected
# --------------------------------------------------------------------------

REJECTED = [
    ("ورفضت إسرائيل مقترح الهدنة الذي قدمته مصر.", "ISR"),
    ("ورفض الحوثيون الهدنة التي اقترحتها الأمم المتحدة.", "houthis"),
    ("ورفضت حركة حماس المقترح الإسرائيلي لوقف إطلاق النار.", "hamas"),
]


REJECTED_MEETINGS = [
    # facing his country's rebels, the president is his government (his name the mention)
    ("ورفض رئيس كولومبيا خوان مانويل سانتوس توقيع اتفاق سلام مع زعيم فارك.", "COL-GOV"),
    ("ورفضت الحكومة الأرمينية عقد مفاوضات مع أذربيجان في موسكو.", "ARM-GOV"),
]


@pytest.mark.parametrize("text,rejecter", REJECTED_MEETINGS)
def test_who_refuses_a_meeting_makes_it_rejected(text, rejecter):
    e = one_event(text)
    assert (e.event_type.value, e.status.value, e.negated) == ("meeting", "rejected", False)
    assert roles(e)[rejecter] == "rejecter"


@pytest.mark.parametrize("text,rejecter", REJECTED)
def test_rejected_ceasefire(text, rejecter):
    e = one_event(text)
    assert (e.event_type.value, e.status.value, e.negated, e.cameo_code) == ("ceasefire", "rejected", False, "1246")
    assert roles(e)[rejecter] == "rejecter"


# --------------------------------------------------------------------------
# suspended, ongoing
# --------------------------------------------------------------------------

SUSPENDED = [
    ("وأعلنت الوساطة القطرية تعليق المفاوضات بين إسرائيل وحماس.",
     {"QAT": "mediator", "ISR": "participant", "hamas": "participant"}),
]


@pytest.mark.parametrize("text,expected_roles", SUSPENDED)
def test_suspended(text, expected_roles):
    e = one_event(text)
    assert (e.status.value, e.negated) == ("suspended", False)
    assert roles(e) == expected_roles


def test_suspended_talks_keep_the_other_party():
    e = one_event("وأعلنت الحكومة الإثيوبية تعليق المحادثات مع جبهة تيغراي.")
    assert e.status.value == "suspended"
    assert roles(e)["tplf"] == "participant"


def test_ongoing():
    e = one_event("وقال مسؤول إن المحادثات بين واشنطن وطهران ما تزال مستمرة في مسقط.")
    assert (e.status.value, e.location) == ("ongoing", "Muscat")
    assert roles(e) == {"USA": "participant", "IRN": "participant"}


# --------------------------------------------------------------------------
# reported_by: attributions and media outlets
# --------------------------------------------------------------------------

REPORTED = [
    ("ونقلت صحيفة هآرتس أن مسؤولين إسرائيليين التقوا وفدا فلسطينيا في العقبة.", "Haaretz"),
    ("ووفق وكالة رويترز، التقى مبعوث أمريكي مع قادة الحوثيين في مسقط.", "Reuters"),
    ("وكشفت صحيفة الشرق الأوسط أن محادثات سرية جرت بين الرياض وطهران في بغداد.", "Asharq Al-Awsat"),
    ("وقال مسؤول مصري لقناة الجزيرة إن القاهرة ستستضيف محادثات بين حماس وفتح.", "Al Jazeera"),
    ("وذكرت وكالة الأناضول أن أردوغان التقى نظيره الأذربيجاني في باكو.", "Anadolu Agency"),
    ("وبحسب فرانس برس، اتفق الجيش السوداني وقوات الدعم السريع على هدنة لمدة أسبوع.", "Agence France-Presse"),
    ("وأفادت وكالة الأنباء القطرية بأن أمير قطر استقبل الرئيس الرواندي في الدوحة.", "Qatar News Agency"),
    ("والتقى الرئيس الإماراتي نظيره الفرنسي في باريس، وذلك بحسب ما أفادت وكالة أنباء الإمارات.",
     "Emirates News Agency (WAM)"),
]


@pytest.mark.parametrize("text,source", REPORTED)
def test_reported_by_media_outlet(text, source):
    e = one_event(text)
    assert e.reported_by == source
    assert all(a.actor_type != "media" for a in e.actors)


def test_reported_by_with_parties_and_place():
    e = one_event("ونقلت صحيفة هآرتس أن مسؤولين إسرائيليين التقوا وفدا فلسطينيا في العقبة.")
    assert roles(e) == {"ISR-GOV": "participant", "PSE": "participant"}
    assert (e.location, e.status.value) == ("Aqaba", "occurred")


def test_no_source_when_none_is_named():
    e = one_event("واجتمعت تركيا وروسيا وإيران في طهران.")
    assert e.reported_by is None


def test_a_meeting_the_future_verb_of_its_clause_sends_people_to_is_planned():
    e = one_event("وسيعود الوفد الكيني إلى نيروبي الثلاثاء، لينطلق أفراده إلى واشنطن للتحاور مع الحكومة الأمريكية.",
                  dt.date(2009, 5, 18))
    assert (e.status.value, e.event_date) == ("planned", dt.date(2009, 5, 19))
    # a noun spelt like a future verb (سياسية) plans nothing
    e = one_event("وأجرت قوى سياسية كينية محادثات مع الحكومة الأمريكية في نيروبي.", dt.date(2009, 5, 18))
    assert e.status.value == "occurred"


@pytest.mark.parametrize(
    "text,status,negated",
    [
        ("قال الرئيس الكيني إنه لم يلتق نظيره الأوغندي في نيروبي.", "denied", True),  # the jussive يلتق
        ("ولم يزر الرئيس الكيني أوغندا العام الماضي.", "denied", True),
        ("وأكدت الحكومة الكينية أنها لن تتفاوض مع حركة الشباب.", "rejected", False),
    ],
)
def test_a_verb_the_particle_before_negates(text, status, negated):
    e = one_event(text, dt.date(2012, 3, 1))
    assert (e.status.value, e.negated) == (status, negated)


def test_the_speaker_who_says_he_did_not_meet_is_a_side_of_the_denied_meeting():
    e = one_event("قال الرئيس الكيني إنه لم يلتق نظيره الأوغندي في نيروبي.", dt.date(2012, 3, 1))
    assert roles(e) == {"KEN-GOV": "participant", "UGA-GOV": "participant"}


def test_a_visit_in_answer_to_an_invitation_took_place():
    e = one_event("وصل الاثنين الرئيس الكيني إلى أوغندا في زيارة دولة تلبية لدعوة وجهها إليه نظيره الأوغندي.",
                  dt.date(2012, 5, 7), "meeting")
    assert e.status.value == "occurred"
    e = one_event("وقال الرئيس الكيني إنه يفكر في قبول دعوة نظيره الأوغندي لزيارة كمبالا.", dt.date(2012, 5, 7), "meeting")
    assert e.status.value == "proposed"


@pytest.mark.parametrize(
    "text,status",
    [
        ("وتؤكد مصادر أن مفاوضات نيروبي ستستبعد القضايا السياسية.", "planned"),  # the subject of a future verb
        ("وأكد أن الحركة لن تشارك في مؤتمر نيروبي.", "planned"),  # what someone will not attend is to come
        ("الرئيس الكيني يعرض عقد محادثات مع حركة الشباب.", "proposed"),
    ],
)
def test_what_is_still_to_come_or_offered(text, status):
    assert one_event(text, dt.date(2009, 5, 18), "meeting").status.value == status


def test_a_ceasefire_broken_or_extended_is_there_not_sought():
    # "لوقف إطلاق النار" after talks is a ceasefire sought; after خرق/تمديد it exists
    broken = one_event("وفي خرق لوقف إطلاق النار في جوبا، قصفت القوات عددا من الأحياء.", event_type="ceasefire")
    assert broken.status.value != "proposed"
    sought = one_event("وتجري محادثات لوقف إطلاق النار في جوبا.", event_type="ceasefire")
    assert sought.status.value == "proposed"


def test_what_a_meeting_prepares_is_planned_and_an_event_of_its_own():
    from helpers import events
    trip, summit = events("وكرر الرئيس الكيني، الذي يتوجه إلى كمبالا استعدادا لقمة مع الرئيس الأوغندي، تحذيراته.",
                          event_type="meeting")
    assert summit.trigger == "لقمة" and summit.status.value == "planned" and summit.location == "Kampala"
    assert {"KEN-GOV", "UGA-GOV"} <= set(roles(summit))  # the parties of the event that prepares it
    talks, summit = events("عقدت كينيا محادثات سرية مع أوغندا تمهيدا لقمة بين البلدين.", event_type="meeting")
    assert (talks.status.value, summit.status.value) == ("occurred", "planned")
