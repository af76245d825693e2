"""Where an event happened (meetings) or what place it concerns (ceasefires).

The place a meeting is held in is not the place it is about; a nisba
adjective on a city does not make its state a party; districts are reported at
city level with the district kept as detail. Sentences are written for this file.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import events, one_event, roles, run

# --------------------------------------------------------------------------
# Venue vs topic
# --------------------------------------------------------------------------

VENUE_NOT_TOPIC = [
    # sentence, location of the meeting
    ("وعقدت محادثات في جنيف حول الوضع في حلب.", "Geneva"),
    ("انطلقت في جنيف محادثات حول الوضع في حلب بين وفدي الحكومة والمعارضة.", "Geneva"),
    ("وناقش اجتماع أنقرة بين روسيا وتركيا مصير المدنيين في إدلب.", "Ankara"),
    ("والتقى الرئيس الروسي نظيره التركي في سوتشي لبحث الوضع في إدلب.", "Sochi"),
    ("عقد وزراء خارجية الاتحاد الأوروبي اجتماعا في لوكسمبورغ لبحث الحرب في أوكرانيا.", "Luxembourg"),
    ("التقى وزير الخارجية المصري ونظيره الأردني في مدينة جدة السعودية لبحث الأزمة في السودان.", "Jeddah"),
    ("وانطلقت في العاصمة الكينية نيروبي محادثات سلام بشأن الصومال.", "Nairobi"),
    ("وانطلقت في جوبا مفاوضات السلام حول إقليم دارفور.", "Juba"),
    ("وعقدت في أكرا محادثات بين غانا وساحل العاج حول الحدود البحرية.", "Accra"),
    ("وبحثت السنغال وموريتانيا في نواكشوط ملف الغاز المشترك خلال اجتماع وزاري.", "Nouakchott"),
]


@pytest.mark.parametrize("text,location", VENUE_NOT_TOPIC)
def test_meeting_place_is_the_venue_not_the_topic(text, location):
    e = one_event(text, event_type="meeting")
    assert e.location == location


def test_topic_state_is_not_a_party():
    e = one_event("وانطلقت في العاصمة الكينية نيروبي محادثات سلام بشأن الصومال.")
    assert e.location == "Nairobi"
    assert roles(e) == {}


def test_venue_idafa_after_event_noun():
    """"اجتماع أنقرة": the capital right after the event noun is its venue, not a party."""
    e = one_event("وناقش اجتماع أنقرة بين الجانبين التركي والروسي مصير المدنيين في إدلب.")
    assert e.location == "Ankara"
    assert [(a.mention, a.role.value) for a in e.actors] == [("التركي", "participant"), ("الروسي", "participant")]


def test_capital_introduced_by_capital_word_and_adjective():
    e = one_event("وعقدت جولة المفاوضات في العاصمة القطرية الدوحة بين الحكومة الأفغانية وحركة طالبان.")
    assert e.location == "Doha"
    assert roles(e) == {"AFG-GOV": "participant", "taliban": "participant"}


def test_hosting_capital_is_venue_and_host():
    e = one_event("استضافت العاصمة القطرية الدوحة محادثات بين الحكومة الأفغانية وحركة طالبان.")
    assert e.location == "Doha"
    assert roles(e) == {"QAT": "host", "AFG-GOV": "participant", "taliban": "participant"}


def test_city_adjective_does_not_make_its_state_a_party():
    e = one_event("التقى وزير الخارجية الروسي نظيره التركي في مدينة ألانيا التركية.")
    assert (e.location, e.location_detail) == ("Alanya", "Alanya")
    # the Turkish minister takes part; Turkey the state (from ألانيا التركية) does not
    assert roles(e) == {"RUS-GOV": "participant", "TUR-GOV": "participant"}


def test_state_adjective_on_city_is_no_actor_mention():
    doc = run("التقى وزراء الخارجية العرب في مدينة جدة السعودية لبحث الأزمة في السودان.")
    assert [a.actor_id for a in doc.actor_mentions if not a.is_location] == []


# --------------------------------------------------------------------------
# Districts at city level
# --------------------------------------------------------------------------


def test_district_reported_at_city_level_with_detail():
    e = one_event("وجرت مفاوضات في شرق حلب بين الفصائل والجانب الروسي.")
    assert (e.location, e.location_detail) == ("Aleppo", "East Aleppo")
    assert roles(e) == {"syrian_opposition": "participant", "RUS-GOV": "participant"}


def test_neighbourhood_ceasefire_reported_at_city_level():
    e = one_event("وبدأت الهدنة في حي الوعر بحمص.")
    assert (e.event_type.value, e.location, e.location_detail) == ("ceasefire", "Homs", "Al-Waer")


# --------------------------------------------------------------------------
# Ceasefire location
# --------------------------------------------------------------------------

CEASEFIRE_PLACES = [
    ("أعلنت مصر التوصل إلى وقف إطلاق النار في غزة.", "Gaza"),
    ("وأعلن الوسطاء وقف إطلاق النار في غزة اعتبارا من منتصف الليل.", "Gaza"),
    ("وأعلنت الأمم المتحدة هدنة في اليمن لمدة شهرين.", "Yemen"),
    ("دعت الأمم المتحدة إلى هدنة في اليمن خلال شهر رمضان.", "Yemen"),
    ("وأعلن الطرفان هدنة في الحديدة.", "Hodeidah"),
    ("واتفق الجانبان على وقف إطلاق النار في جنوب السودان.", "South Sudan"),
    ("وطرحت الجزائر مبادرة لوقف إطلاق النار في ليبيا.", "Libya"),
    # the first of a list of places stands for the list
    ("ويشهد الشمال، ويضم محافظات تعز والحديدة وإب، وقفا لإطلاق النار منذ أبريل.", "Taiz"),
]


@pytest.mark.parametrize("text,location", CEASEFIRE_PLACES)
def test_ceasefire_location(text, location):
    e = one_event(text, event_type="ceasefire")
    assert e.location == location


def test_ceasefire_place_and_talks_venue_in_one_sentence():
    found = events("وتوصل الطرفان إلى اتفاق لوقف إطلاق النار في ليبيا خلال محادثات في جنيف.")
    assert sorted((e.event_type.value, e.location) for e in found) == [("ceasefire", "Libya"), ("meeting", "Geneva")]


# --------------------------------------------------------------------------
# Visits take their destination
# --------------------------------------------------------------------------

VISITS = [
    ("زار الرئيس الفرنسي الرياض لبحث الأزمة اللبنانية.", "Riyadh", "FRA-GOV"),
    ("وزار وزير الخارجية الإيراني مسقط والتقى نظيره العماني.", "Muscat", "IRN-GOV"),
]


@pytest.mark.parametrize("text,location,visitor", VISITS)
def test_visit_takes_its_destination(text, location, visitor):
    e = one_event(text)
    assert e.location == location
    assert roles(e)[visitor] == "participant"
    assert e.cameo_code == "042"


@pytest.mark.parametrize("text,stops", [
    ("وتزور وزيرة الخارجية الكندية برلين وباريس في إطار جولة تستمر ثلاثة أيام.", {"Berlin": "DEU", "Paris": "FRA"}),
    ("ويزور الرئيس الغاني أديس أبابا والقاهرة الشهر المقبل.", {"Addis Ababa": "ETH", "Cairo": "EGY"}),
])
def test_a_tour_of_capitals_is_a_visit_to_each_state_at_its_capital(text, stops):
    found = {e.location: roles(e) for e in events(text)}
    for city, state in stops.items():
        assert found[city][state] == "host"  # the state visited hosts the visit
        assert not set(found[city]) & set(stops.values()) - {state}


def test_places_joined_by_and_are_two_places_not_one_named_twice():
    from helpers import run

    assert [p.mention for p in run("خبر\n\nوأجرى الوزير محادثات في روما ومدريد.").place_mentions] == ["روما", "مدريد"]
    # a city and its state side by side are one place, the finer kept
    assert [p.mention for p in run("خبر\n\nوعقدت المحادثات في جدة السعودية.").place_mentions] == ["جدة"]


def test_delegation_arriving_in_capital_for_talks():
    e = one_event("وصل الوفد الإيراني إلى أنقرة لإجراء محادثات.")
    assert e.location == "Ankara"
    # a city receives a visit of another state's people in its state's name
    assert roles(e) == {"IRN-GOV": "participant", "TUR": "host"}


# --------------------------------------------------------------------------
# Places worldwide
# --------------------------------------------------------------------------

WORLD_VENUES = [
    ("والتقى الرئيس الفلسطيني مع رئيس الوزراء الإسرائيلي في شرم الشيخ.", "Sharm el-Sheikh"),
    ("وعقدت قمة العقبة بحضور مسؤولين أردنيين ومصريين وأمريكيين.", "Aqaba"),
    ("اجتمع وزراء خارجية الاتحاد الأوروبي في بروكسل يوم 20 شباط/فبراير 2023.", "Brussels"),
    ("وعقدت المحادثات برعاية الاتحاد الأفريقي في بريتوريا.", "Pretoria"),
    ("وجرت مفاوضات السلام بين الحكومة السودانية والحركة الشعبية شمال في جوبا برعاية جنوب السودان.", "Juba"),
    ("وإلتقى الوفد السعودي بالحوثيين في صنعاء.", "Sanaa"),
    ("التقى الرئيس الكيني نظيره الإثيوبي الأسبوع الماضي في نيروبي.", "Nairobi"),
]


@pytest.mark.parametrize("text,location", WORLD_VENUES)
def test_world_venues(text, location):
    e = one_event(text)
    assert (e.location, e.location_detail) == (location, location)


# --------------------------------------------------------------------------
# "العاصمة + nisba": the capital, not the state
# --------------------------------------------------------------------------

CAPITAL_BY_NISBA = [
    ("واجتمع وزراء خارجية مصر والسودان وإثيوبيا بالعاصمة الكينية أمس.", "Nairobi", {"EGY-GOV", "SDN-GOV", "ETH-GOV"}),
    ("والتقى الرئيس الغاني نظيره الإيفواري في العاصمة النيجيرية لبحث الحدود.", "Abuja", {"GHA-GOV", "CIV-GOV"}),
    ("وعقد الجانبان جولة محادثات في العاصمة الكورية الشمالية.", "Pyongyang", None),
]


@pytest.mark.parametrize("text,location,parties", CAPITAL_BY_NISBA)
def test_the_capital_named_by_its_states_nisba_is_the_venue(text, location, parties):
    e = one_event(text, event_type="meeting")
    assert e.location == location
    if parties is not None:
        assert {a.actor_id for a in e.actors} == parties  # the nisba of the capital is no party


def test_a_mention_placed_in_a_country_takes_the_city_another_mention_names():
    text = (
        "واختتمت في كينيا محادثات السلام بين حكومة جنوب السودان والمتمردين. "
        "وكانت المحادثات قد انطلقت في نيروبي قبل أسبوعين بين حكومة جنوب السودان والمتمردين."
    )
    located = [e for e in events(text, event_type="meeting") if e.location]
    assert located and {e.location for e in located} == {"Nairobi"}


def test_a_province_is_named_as_the_press_names_it():
    e = one_event("وأعلنت روسيا وتركيا هدنة في محافظة إدلب.", event_type="ceasefire")
    assert (e.location, e.location_detail) == ("Idlib", "Idlib Governorate")


# --------------------------------------------------------------------------
# The area a ceasefire concerns, not where it was agreed
# --------------------------------------------------------------------------

SUDAN_TALKS = (
    "جولة جديدة من محادثات السلام في جنوب السودان. "
    "وقالت حكومة جنوب السودان إن المتمردين في جنوب السودان وافقوا على الهدنة. "
    "وكان الطرفان قد وقعا في أديس أبابا اتفاقا ينص على وقف إطلاق النار. "
    "وتحدثت الحكومة عن خروقات للهدنة في جنوب السودان."
)


def test_a_truce_agreed_abroad_concerns_the_state_the_article_is_about():
    truces = events(SUDAN_TALKS, event_type="ceasefire")
    assert truces and {e.location for e in truces} == {"South Sudan"}


def test_a_truce_placed_nowhere_concerns_the_place_the_headline_and_body_name():
    text = ("القصف يتواصل على كسمايو\n\n"
            "قصفت القوات الصومالية أحياء في كسمايو الأحد. وقال سكان إن القصف طال الأسواق. "
            "وتأتي الغارات رغم الهدنة التي أعلنتها الحكومة الصومالية الأسبوع الماضي. وتقع كسمايو جنوبي الصومال.")
    truces = events(text, dt.date(2011, 9, 4), "ceasefire")
    assert truces and {e.location for e in truces} == {"Kismayo"}


def test_a_new_truce_placed_nowhere_concerns_the_place_of_the_truce_told_before():
    text = ("اشتباكات في الصومال\n\n"
            "أعلنت هدنة في مقديشو في 3 سبتمبر بين القوات الحكومية ومسلحي حركة الشباب، لكنها لم تصمد. "
            "وإثر تلك الحوادث، أعلنت هدنة جديدة في 20 سبتمبر، لكن القصف استمر.")
    first, again = events(text, dt.date(2011, 9, 25), "ceasefire")
    assert (first.location, again.location) == ("Mogadishu", "Mogadishu")
    assert (first.event_date, again.event_date) == (dt.date(2011, 9, 3), dt.date(2011, 9, 20))
    # a place its own sentence names wins
    text = text.replace("في 20 سبتمبر،", "في 20 سبتمبر في كسمايو،")
    assert [e.location for e in events(text, dt.date(2011, 9, 25), "ceasefire")] == ["Mogadishu", "Kismayo"]
