"""Actor matching survives Arabic morphology and orthography.

Every sentence here is written for this file. Each case asserts the exact
actor id a surface form resolves to and the exact surface the mention covers,
and every mention's offsets must slice the raw text to that surface.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import check_offsets, one_event, roles, run

from aleppo_events.lexicon.dictionary import load_actors


def _mention(text: str, actor_id: str):
    """The single mention of `actor_id` in `text`."""
    doc = run(text)
    found = [a for a in doc.actor_mentions if a.actor_id == actor_id]
    assert len(found) == 1, [(a.actor_id, a.mention) for a in doc.actor_mentions]
    return found[0]


# --------------------------------------------------------------------------
# Proclitics: و ف ب ل ك، لل
# --------------------------------------------------------------------------

PROCLITICS = [
    # sentence, actor id, surface of the mention (proclitic left out), proclitic
    ("وقعت أوكرانيا وروسيا اتفاقا لتبادل الأسرى في إسطنبول.", "RUS", "روسيا", "و"),
    ("والتقى الوفد الأذربيجاني بالأتراك في باكو.", "TUR", "الأتراك", "ب"),
    ("وسلم الوسطاء رسالة أوكرانية للروس في إسطنبول.", "RUS", "روس", "لل"),
    ("فالإيرانيون يشترطون ضمانات قبل العودة إلى المفاوضات.", "IRN", "الإيرانيون", "ف"),
    ("وكقطر، عرضت النرويج استضافة المحادثات.", "QAT", "قطر", "وك"),
    ("وقدمت القاهرة ضمانات لإسرائيل قبل استئناف المفاوضات.", "ISR", "إسرائيل", "ل"),
]


@pytest.mark.parametrize("text,actor_id,surface,proclitic", PROCLITICS)
def test_proclitic_is_stripped_and_actor_found(text, actor_id, surface, proclitic):
    m = _mention(text, actor_id)
    assert m.mention == surface
    assert m.proclitic == proclitic
    assert text[m.start : m.end] == surface


def test_lam_proclitic_on_state_name_keeps_it_an_actor():
    """"لروسيا" (to Russia) is the state as addressee, not a place."""
    m = _mention("ووجه الرئيس الأوكراني رسالة لروسيا قبل جولة المحادثات.", "RUS")
    assert (m.mention, m.proclitic, m.is_location) == ("روسيا", "ل", False)


def test_coordinated_gentilic_plural_is_a_participant_of_the_meeting():
    e = one_event("والتقى الوفد الأذربيجاني بالأتراك في باكو.")
    assert roles(e) == {"AZE-GOV": "participant", "TUR": "participant"}
    assert e.location == "Baku"


# --------------------------------------------------------------------------
# Nisba adjectives and gentilic plurals
# --------------------------------------------------------------------------

NISBA = [
    # sentence, surface, actor id (a government noun before the adjective makes it the government)
    ("والتقى مبعوث روسي قادة الفصائل في أنقرة.", "روسي", "RUS-GOV"),
    ("وتحدثت مصادر دبلوماسية عن وساطة روسية بين الطرفين.", "روسية", "RUS"),
    ("وقال الروس إنهم لن يشاركوا في الجولة المقبلة.", "الروس", "RUS"),
    ("واستقبل وزير الخارجية التركي الوفد الليبي.", "التركي", "TUR-GOV"),
    ("واستقبل وزير الخارجية التركي الوفد الليبي.", "الليبي", "LBY-GOV"),
    ("وأكدت الرئاسة التركية أن القمة ستعقد في إسطنبول.", "الرئاسة التركية", "TUR-GOV"),
    ("وعقد الوفد العراقي لقاء مع الإيرانيين في بغداد.", "الإيرانيين", "IRN"),
    ("وأكد دبلوماسي مصري أن المحادثات مستمرة.", "مصري", "EGY-GOV"),
    ("وجرت محادثات بين الطرفين بوساطة سعودية أمريكية في جدة.", "سعودية", "SAU"),
    ("وجرت محادثات بين الطرفين بوساطة سعودية أمريكية في جدة.", "أمريكية", "USA"),
    ("واجتمع مسؤولون روس مع نظرائهم الأتراك في أنقرة.", "مسؤولون روس", "RUS-GOV"),
    ("وأعلنت الخارجية الإيرانية أن الجولة المقبلة ستعقد في مسقط.", "الخارجية الإيرانية", "IRN-GOV"),
]


@pytest.mark.parametrize("text,surface,actor_id", NISBA)
def test_nisba_and_gentilic_forms(text, surface, actor_id):
    doc = run(text)
    got = [(a.mention, a.actor_id) for a in doc.actor_mentions if a.mention == surface]
    assert got == [(surface, actor_id)]


def test_nisba_after_place_noun_is_no_actor():
    """"العاصمة التركية أنقرة": the adjective describes the capital."""
    doc = run("وانطلقت في العاصمة التركية أنقرة محادثات بين الجانبين.")
    assert [a.mention for a in doc.actor_mentions if a.actor_id in ("TUR", "TUR-GOV") and not a.is_location] == []


# --------------------------------------------------------------------------
# Spelling variants fold: hamza/alef, yeh/alef maqsura, teh marbuta/heh,
# tatweel, diacritics, Persian letters, zero-width marks
# --------------------------------------------------------------------------

VARIANTS = [
    # variant spelling, standard spelling of the same sentence
    ("اجتمع وزير الخارجية الاسرائيلي مع مسؤولين فلسطينيين في القدس.",
     "اجتمع وزير الخارجية الإسرائيلي مع مسؤولين فلسطينيين في القدس."),
    ("وصل الوفد التركي الى انقره لاجراء محادثات.",
     "وصل الوفد التركي إلى أنقرة لإجراء محادثات."),
    ("التقى الرئيس المصرى نظيره الإماراتى فى أبو ظبى.",
     "التقى الرئيس المصري نظيره الإماراتي في أبو ظبي."),
    ("والتقي وزير الخارجية الأردني نظيره العماني في مسقط.",
     "والتقى وزير الخارجية الأردني نظيره العماني في مسقط."),
    ("التقى بوتيـن نظيره التـركي أردوغــان في سوتشي.",
     "التقى بوتين نظيره التركي أردوغان في سوتشي."),
    ("اجتمع وَزِيرُ الخَارِجِيَّةِ الرُّوسِيُّ مع نَظِيرِهِ الإِيرَانِيِّ في مُوسْكُو.",
     "اجتمع وزير الخارجية الروسي مع نظيره الإيراني في موسكو."),
    ("وأجرى وفد ایرانی محادثات مع مسؤولین في ترکیا.",
     "وأجرى وفد إيراني محادثات مع مسؤولين في تركيا."),
    ("وأعلن الطرفان هدنه في الحديده.",
     "وأعلن الطرفان هدنة في الحديدة."),
    ("وعقد اجتماع في \u200fالرياض\u200f بين السعودية والعراق.",
     "وعقد اجتماع في الرياض بين السعودية والعراق."),
]


def _reading(text: str):
    doc = run(text)
    actors = [(a.actor_id, a.is_location) for a in doc.actor_mentions]
    places = [p.place_id for p in doc.place_mentions]
    evs = [(e.event_type.value, e.status.value, e.location, sorted(roles(e).items())) for e in doc.events]
    return actors, places, evs


@pytest.mark.parametrize("variant,standard", VARIANTS)
def test_spelling_variant_reads_like_standard_spelling(variant, standard):
    assert _reading(variant) == _reading(standard)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("التقى الرئيس المصرى نظيره الإماراتى فى أبو ظبى.",
         ("Abu Dhabi", {"EGY-GOV": "participant", "ARE-GOV": "participant"})),
        ("اجتمع وَزِيرُ الخَارِجِيَّةِ الرُّوسِيُّ مع نَظِيرِهِ الإِيرَانِيِّ في مُوسْكُو.",
         ("Moscow", {"RUS-GOV": "participant", "IRN-GOV": "participant"})),
        ("التقى بوتيـن نظيره التـركي أردوغــان في سوتشي.",
         # "نظيره التركي أردوغان" is one phrase: Erdogan, whom the nisba says serves Turkey
         ("Sochi", {"vladimir_putin": "participant", "recep_tayyip_erdogan": "participant"})),
        ("وأعلن الطرفان هدنه في الحديده.", ("Hodeidah", {})),
    ],
)
def test_variant_spellings_give_exact_event(text, expected):
    e = one_event(text)
    assert (e.location, roles(e)) == expected


def test_persian_letters_fold_to_arabic():
    doc = run("وأجرى وفد ایرانی محادثات مع مسؤولین في ترکیا.")
    assert [(a.actor_id, a.mention) for a in doc.actor_mentions if not a.is_location] == [("IRN-GOV", "ایرانی")]
    assert [(p.name_en, p.mention) for p in doc.place_mentions] == [("Turkey", "ترکیا")]


def test_tatweel_and_diacritics_stay_in_the_mention_surface():
    doc = run("التقى بوتيـن نظيره التـركي أردوغــان في سوتشي.")
    assert [(a.actor_id, a.mention) for a in doc.actor_mentions] == [
        ("vladimir_putin", "بوتيـن"),
        ("TUR-GOV", "التـركي"),
        ("recep_tayyip_erdogan", "أردوغــان"),
    ]
    doc = run("اجتمع وَزِيرُ الخَارِجِيَّةِ الرُّوسِيُّ مع نَظِيرِهِ الإِيرَانِيِّ في مُوسْكُو.")
    assert [(a.actor_id, a.mention) for a in doc.actor_mentions] == [
        ("RUS-GOV", "الرُّوسِيُّ"),
        ("IRN-GOV", "الإِيرَانِيِّ"),
        ("RUS", "مُوسْكُو"),
    ]


# --------------------------------------------------------------------------
# Transliterated names
# --------------------------------------------------------------------------

NAMES = [
    ("جاويش أوغلو", "mevlut_cavusoglu", "TUR"),
    ("جاووش أوغلو", "mevlut_cavusoglu", "TUR"),
    ("تشاووش أوغلو", "mevlut_cavusoglu", "TUR"),
    ("مولود تشاووش أوغلو", "mevlut_cavusoglu", "TUR"),
    ("دي ميستورا", "staffan_de_mistura", None),
    ("دي مستورا", "staffan_de_mistura", None),
    ("ستافان دي ميستورا", "staffan_de_mistura", None),
    ("سيرغي لافروف", "sergei_lavrov", "RUS"),
    ("سيرجي لافروف", "sergei_lavrov", "RUS"),
    ("أنطونيو غوتيريش", "antonio_guterres", None),
    ("غوتيريس", "antonio_guterres", None),
    ("نتانياهو", "benjamin_netanyahu", "ISR"),
]


@pytest.mark.parametrize("name,actor_id,country", NAMES)
def test_transliteration_variants_resolve_to_one_person(name, actor_id, country):
    text = f"وأجرى {name} محادثات في الدوحة مع وزير الخارجية القطري."
    e = one_event(text)
    assert e.location == "Doha"
    # an IGO official (no country) takes part as his organisation, named as he is
    expected_id = actor_id if country else load_actors()[actor_id].affiliation
    person = [a for a in e.actors if a.actor_id == expected_id]
    assert [(a.mention, a.role.value, a.country) for a in person] == [(name, "participant", country)]
    assert roles(e)["QAT-GOV"] == "participant"


# --------------------------------------------------------------------------
# Arabic-Indic and Persian digits in dates
# --------------------------------------------------------------------------


def test_arabic_indic_digits_in_dateline_and_event_date():
    text = "القاهرة - ١٢ مارس ٢٠٢٣\nالتقى وزير الخارجية المصري نظيره السوداني في القاهرة يوم ١٠ مارس ٢٠٢٣."
    doc = run(text)
    assert doc.article_date == dt.date(2023, 3, 12)
    (e,) = doc.events
    assert (e.event_date, e.date_precision.value, e.location) == (dt.date(2023, 3, 10), "day", "Cairo")
    assert roles(e) == {"EGY-GOV": "participant", "SDN-GOV": "participant"}


def test_persian_digits_in_event_date():
    e = one_event("وعقدت كينيا والصومال اجتماعا في الدوحة يوم ۱۵ يناير ۲۰۲۲.")
    assert (e.event_date, e.date_precision.value, e.location) == (dt.date(2022, 1, 15), "day", "Doha")


# --------------------------------------------------------------------------
# Offsets slice the raw text exactly, whatever the spelling
# --------------------------------------------------------------------------

OFFSET_TEXTS = sorted(
    {t for t, *_ in PROCLITICS}
    | {t for t, *_ in NISBA}
    | {t for pair in VARIANTS for t in pair}
    | {
        "القاهرة - ١٢ مارس ٢٠٢٣\nالتقى وزير الخارجية المصري نظيره السوداني في القاهرة يوم ١٠ مارس ٢٠٢٣.",
        "الخرطوم - الخميس 2 نوفمبر 2023\nالتقى قائد الجيش السوداني اليوم الخميس وفدا من الاتحاد الأفريقي.",
        "ووجهت الحكومة تحذيرا للروس، وقالت إن لروسيا ولإيران دورا في المحادثات.",
    }
)


@pytest.mark.parametrize("text", OFFSET_TEXTS)
def test_every_offset_slices_the_raw_text(text):
    doc = run(text)
    assert doc.actor_mentions or doc.place_mentions
    check_offsets(doc)
