"""What an actor mention resolves to: capitals as metonyms or as places, titles,
people, generic references, renamed groups, umbrellas, IGOs, states worldwide.

Sentences are written for this file; every case asserts the exact actor id
(and country or role where it matters).
"""

from __future__ import annotations

import pytest
from helpers import one_event, roles, run

from aleppo_events.lexicon.dictionary import load_actors


def _actor(e, actor_id):
    found = [a for a in e.actors if a.actor_id == actor_id]
    assert len(found) == 1, [(a.actor_id, a.role.value) for a in e.actors]
    return found[0]


# --------------------------------------------------------------------------
# Capital metonymy vs capital as place
# --------------------------------------------------------------------------


def test_capitals_between_bayna_and_wa_are_the_states():
    e = one_event("وأكد المتحدث أن المحادثات بين واشنطن وطهران ستستأنف في فيينا.")
    assert roles(e) == {"USA": "participant", "IRN": "participant"}
    assert [a.mention for a in e.actors] == ["واشنطن", "طهران"]
    assert e.location == "Vienna"


def test_ankara_and_moscow_as_parties_not_places():
    doc = run("وجرت المحادثات بين أنقرة وموسكو حول مصير المدينة.")
    assert [(a.actor_id, a.is_location) for a in doc.actor_mentions] == [("TUR", False), ("RUS", False)]
    (e,) = doc.events
    assert roles(e) == {"TUR": "participant", "RUS": "participant"}
    assert e.location is None


def test_capitals_as_parties_and_a_third_capital_as_venue():
    e = one_event("وكشفت مصادر أن محادثات سرية جرت بين الرياض وطهران في بغداد.")
    assert roles(e) == {"SAU": "participant", "IRN": "participant"}
    assert e.location == "Baghdad"


def test_capital_after_fi_is_a_place_not_an_actor():
    doc = run("عقد وزير الخارجية الروسي اجتماعا في أنقرة.")
    ankara = [a for a in doc.actor_mentions if a.mention == "أنقرة"]
    assert [(a.actor_id, a.is_location) for a in ankara] == [("TUR", True)]
    assert [p.name_en for p in doc.place_mentions] == ["Ankara"]
    (e,) = doc.events
    assert roles(e) == {"RUS-GOV": "participant"}
    assert e.location == "Ankara"


def test_capital_with_bi_proclitic_is_a_place():
    e = one_event("واجتمع الرئيس التونسي مع نظيره الجزائري بالجزائر العاصمة.")
    assert roles(e) == {"TUN-GOV": "participant", "DZA-GOV": "participant"}
    assert e.location == "Algiers"


# --------------------------------------------------------------------------
# Titles and people
# --------------------------------------------------------------------------

TITLES = [
    ("عقد وزير الخارجية الروسي اجتماعا في أنقرة.", "الروسي", "RUS-GOV", "RUS"),
    ("وأجرى وزير الخارجية الروسي محادثات مع رئيس الوزراء الإسرائيلي في القدس.", "الإسرائيلي", "ISR-GOV", "ISR"),
    ("والتقى الرئيس الفلسطيني مع رئيس الوزراء الإسرائيلي في شرم الشيخ.", "الفلسطيني", "PSE-GOV", "PSE"),
    ("والتقى رئيس الوزراء الإثيوبي آبي أحمد الرئيس الكيني في نيروبي.", "الكيني", "KEN-GOV", "KEN"),
    ("ووفق وكالة رويترز، التقى مبعوث أمريكي مع قادة الحوثيين في مسقط.", "أمريكي", "USA-GOV", "USA"),
]


@pytest.mark.parametrize("text,mention,actor_id,country", TITLES)
def test_title_with_nisba_is_the_government(text, mention, actor_id, country):
    e = one_event(text)
    a = _actor(e, actor_id)
    assert (a.mention, a.country, a.actor_type, a.role.value) == (mention, country, "government", "participant")


PEOPLE = [
    ("واجتمع لافروف مع نظيره الأمريكي.", "sergei_lavrov", "لافروف", "RUS"),
    ("التقى جاويش أوغلو مع لافروف في أنطاليا.", "mevlut_cavusoglu", "جاويش أوغلو", "TUR"),
    ("والتقى رئيس الوزراء الإثيوبي آبي أحمد الرئيس الكيني في نيروبي.", "abiy_ahmed", "آبي أحمد", "ETH"),
    ("وأجرى رئيس الوزراء الإسرائيلي بنيامين نتنياهو محادثات مع الرئيس المصري في شرم الشيخ.",
     "benjamin_netanyahu", "بنيامين نتنياهو", "ISR"),
    ("وذكرت وكالة الأناضول أن أردوغان التقى نظيره الأذربيجاني في باكو.", "recep_tayyip_erdogan", "أردوغان", "TUR"),
]


@pytest.mark.parametrize("text,actor_id,mention,country", PEOPLE)
def test_person_carries_the_country_they_speak_for(text, actor_id, mention, country):
    e = one_event(text)
    a = _actor(e, actor_id)
    assert (a.mention, a.country, a.actor_type, a.role.value) == (mention, country, "person", "participant")


def test_an_igo_official_takes_part_as_the_organisation_named_as_he_is():
    """The UN envoy meets for the UN (no country of his own): the row is the UN, its mention his name."""
    e = one_event("التقى دي ميستورا مع وفد الحكومة السورية في دمشق.")
    assert [(a.actor_id, a.mention, a.country, a.role.value) for a in e.actors] == [
        ("UN", "دي ميستورا", None, "participant"), ("SYR-GOV", "وفد الحكومة السورية", "SYR", "participant")]


def test_people_affiliations_in_the_dictionary():
    actors = load_actors()
    assert actors["sergei_lavrov"].affiliation == "RUS-GOV"
    assert actors["staffan_de_mistura"].affiliation == "UN"
    assert actors["abiy_ahmed"].affiliation == "ETH-GOV"


# --------------------------------------------------------------------------
# Generic references
# --------------------------------------------------------------------------

GENERIC = [
    ("واجتمع ممثلون عن فصائل المعارضة مع الجانب الروسي في أنقرة.", "فصائل المعارضة"),
    ("والتقى ممثلون عن الفصائل الثورية مع وفد من الجانب الروسي.", "الفصائل الثورية"),
    ("وعقدت المعارضة المسلحة اجتماعا مع ممثلين روس في أنقرة.", "المعارضة المسلحة"),
    ("واجتمع قادة الثوار مع ضباط روس في حلب.", "الثوار"),
]


@pytest.mark.parametrize("text,mention", GENERIC)
def test_generic_opposition_references(text, mention):
    e = one_event(text)
    a = _actor(e, "syrian_opposition")
    assert (a.mention, a.name_en, a.country, a.role.value) == (mention, "Syrian opposition factions", "SYR", "participant")


@pytest.mark.parametrize(
    "text,mention",
    [
        ("واجتمع ممثلون عن فصائل المعارضة مع الجانب الروسي في أنقرة.", "الجانب الروسي"),
        ("وعقدت المعارضة المسلحة اجتماعا مع ممثلين روس في أنقرة.", "ممثلين روس"),
        ("والتقى ممثلون عن فصائل المعارضة مع ممثلين روس في أنقرة.", "ممثلين روس"),
    ],
)
def test_russian_side_references_are_the_russian_government(text, mention):
    e = one_event(text)
    a = _actor(e, "RUS-GOV")
    assert (a.mention, a.country, a.role.value) == (mention, "RUS", "participant")
    assert e.location == "Ankara"


def test_turks_and_iranians_as_gentilic_plurals():
    e = one_event("وقالت مصادر إن الأتراك والإيرانيين اجتمعوا في أستانا.")
    assert roles(e) == {"TUR": "participant", "IRN": "participant"}
    assert e.location == "Astana"


def test_several_generic_forms_in_one_sentence_are_one_actor():
    doc = run("وقال قيادي في الفصائل الثورية إن المعارضة المسلحة والثوار رفضوا العرض.")
    assert [(a.actor_id, a.mention) for a in doc.actor_mentions] == [
        ("syrian_opposition", "الفصائل الثورية"),
        ("syrian_opposition", "المعارضة المسلحة"),
        ("syrian_opposition", "الثوار"),
    ]


# --------------------------------------------------------------------------
# Renamings and umbrella membership
# --------------------------------------------------------------------------


def test_renamed_groups_keep_their_own_ids():
    doc = run("وشاركت جبهة النصرة في المعارك قبل أن تغير اسمها إلى جبهة فتح الشام ثم تندمج في هيئة تحرير الشام.")
    assert [(a.actor_id, a.mention) for a in doc.actor_mentions] == [
        ("jabhat_al_nusra", "جبهة النصرة"),
        ("jabhat_fatah_al_sham", "جبهة فتح الشام"),
        ("hayat_tahrir_al_sham", "هيئة تحرير الشام"),
    ]
    actors = load_actors()
    assert actors["jabhat_fatah_al_sham"].renamed_from == ["jabhat_al_nusra"]
    assert actors["hayat_tahrir_al_sham"].renamed_from == ["jabhat_fatah_al_sham"]


def test_umbrella_and_member_faction():
    doc = run("وانضمت حركة نور الدين الزنكي والجبهة الشامية إلى جيش حلب.")
    assert [(a.actor_id, a.mention) for a in doc.actor_mentions] == [
        ("nour_al_din_al_zenki", "حركة نور الدين الزنكي"),
        ("levant_front", "الجبهة الشامية"),
        ("jaish_halab", "جيش حلب"),
    ]
    assert doc.place_mentions == []  # حلب inside جيش حلب is part of a name
    actors = load_actors()
    assert "jaish_halab" in actors["nour_al_din_al_zenki"].member_of
    assert "jaish_halab" in actors["levant_front"].member_of


# --------------------------------------------------------------------------
# International organisations
# --------------------------------------------------------------------------


def test_igos_as_participants_without_country():
    e = one_event("التقى الأمين العام لجامعة الدول العربية مع ممثلين عن الاتحاد الأوروبي والأمم المتحدة في القاهرة.")
    assert roles(e) == {"LAS": "participant", "EU": "participant", "UN": "participant"}
    assert [(a.name_en, a.country, a.actor_type) for a in e.actors] == [
        ("Arab League", None, "igo"),
        ("European Union", None, "igo"),
        ("United Nations", None, "igo"),
    ]
    assert e.location == "Cairo"


def test_african_union_delegation():
    text = "الخرطوم - الخميس 2 نوفمبر 2023\nالتقى قائد الجيش السوداني اليوم الخميس وفدا من الاتحاد الأفريقي."
    e = one_event(text)
    assert roles(e) == {"SDN-GOV": "participant", "AU": "participant"}


# --------------------------------------------------------------------------
# States worldwide
# --------------------------------------------------------------------------

STATES = [
    ("وعقد الاجتماع بين مصر والأردن في القاهرة بغياب قطر.", "QAT", "Qatar"),
    ("وتعثرت المفاوضات بين إثيوبيا ومصر حول سد النهضة.", "ETH", "Ethiopia"),
    ("وتعثرت المفاوضات بين إثيوبيا ومصر حول سد النهضة.", "EGY", "Egypt"),
    ("وتوسطت قطر والنرويج في محادثات بين الحكومة الإثيوبية وجبهة تيغراي.", "NOR", "Norway"),
    ("وتتوسط الكويت بين السعودية وقطر لإنهاء الأزمة الخليجية.", "KWT", "Kuwait"),
    ("لم تتمخض المحادثات بين الخرطوم وجوبا عن نتائج ملموسة.", "SSD", "South Sudan"),
    ("وعقدت في أكرا محادثات بين غانا وساحل العاج حول الحدود البحرية.", "CIV", None),
    ("وعقدت في أكرا محادثات بين غانا وساحل العاج حول الحدود البحرية.", "GHA", "Ghana"),
    ("وبحثت السنغال وموريتانيا في نواكشوط ملف الغاز المشترك خلال اجتماع وزاري.", "SEN", "Senegal"),
    ("وأعلنت روسيا وتركيا وقفا لإطلاق النار في سوريا.", "TUR", None),
    ("واجتمعت تركيا وروسيا وإيران في طهران.", "IRN", "Iran"),
]


@pytest.mark.parametrize("text,actor_id,name_en", STATES)
def test_states_worldwide(text, actor_id, name_en):
    e = one_event(text)
    a = _actor(e, actor_id)
    assert a.country == actor_id
    assert a.actor_type == "state"
    if name_en is not None:
        assert a.name_en == name_en


def test_kenya_visit_by_ethiopian_leader_resolves_both_states():
    doc = run("والتقى رئيس الوزراء الإثيوبي آبي أحمد الرئيس الكيني في نيروبي.")
    assert [(a.actor_id, a.is_location) for a in doc.actor_mentions] == [
        ("ETH-GOV", False),
        ("abiy_ahmed", False),
        ("KEN-GOV", False),
        ("KEN", True),
    ]


@pytest.mark.parametrize(
    "text,actor_id",
    [
        ("وقال النظام الكوبي إن الحصار ظالم.", "CUB-GOV"),
        ("والتقى وفد النظام الكوري الشمالي بالوفد الأمريكي.", "PRK-GOV"),
        ("وقصف النظام مواقع المعارضة.", "SYR-GOV"),  # bare النظام is Syria's, as the dictionary says
    ],
)
def test_the_regime_a_nisba_names(text, actor_id):
    assert actor_id in {m.actor_id for m in run(text).actor_mentions}


def test_an_office_in_a_state_serves_its_government():
    doc = run("وقالت وزيرة حقوق الإنسان في الكونغو ماري أنجي موشوبيكوا إن الوضع خطير.")
    assert [(m.actor_id, m.is_location) for m in doc.actor_mentions if m.actor_id.startswith("COD")] == [("COD-GOV", False)]
    assert {e.name_ar: e.country for e in doc.new_actor_entries.values()} == {"ماري أنجي موشوبيكوا": "COD"}


def test_the_official_name_of_north_korea_as_the_press_writes_it_is_not_south_korea():
    doc = run("قرر مسؤولو جمهورية كوريا الديمقراطية الشعبية إلغاء الاجتماع مع جمهورية كوريا في عام 2009.")
    assert [m.actor_id for m in doc.actor_mentions] == ["PRK", "KOR"]


@pytest.mark.parametrize(
    "text,mention,actor_id",
    [
        ("وأعلنت السويد عام 2014 الاعتراف بفلسطين دولة مستقلة.", "فلسطين", "PSE"),  # the object of الاعتراف ب
        ("ووجهت كييف عام 2014 أصابع الاتهام إلى موسكو بعد إسقاط الطائرة.", "موسكو", "RUS"),  # the recipient of an accusation
        ("وبعث الرئيس الكيني عام 2003 رسالة إلى أوغندا بشأن الحدود.", "أوغندا", "UGA"),
    ],
)
def test_a_state_governed_by_its_word_is_an_actor_not_a_place(text, mention, actor_id):
    found = [(m.actor_id, m.is_location) for m in run(text).actor_mentions if m.mention == mention]
    assert found == [(actor_id, False)]


@pytest.mark.parametrize(
    "text,mention",
    [
        ("ووصل الوفد الأوكراني عام 2014 إلى موسكو للمحادثات.", "موسكو"),  # a destination
        ("ورفضت الدول العربية عام 2017 الاعتراف بالقدس عاصمة لإسرائيل.", "القدس"),  # a city recognised as a capital: a thing
    ],
)
def test_a_destination_or_a_recognised_city_stays_a_place(text, mention):
    found = [m.is_location for m in run(text).actor_mentions if m.mention == mention]
    assert found and all(found)


def test_a_european_commissioner_by_title_speaks_for_the_union():
    doc = run("وقال المفوض الأوروبي للتجارة عام 2011 إن الاتفاق مع كوريا الجنوبية سيدخل حيز التنفيذ.")
    assert ("EU", "المفوض الأوروبي") in [(m.actor_id, m.mention) for m in doc.actor_mentions]


def test_indias_ruling_coalitions():
    doc = run("وقاد التحالف الديمقراطي الوطني الحكومة الهندية عام 1999 قبل أن يخلفه التحالف التقدمي المتحد عام 2004.")
    assert {"nda_india", "upa_india"} <= {m.actor_id for m in doc.actor_mentions}
