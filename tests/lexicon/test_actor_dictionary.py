"""The curated actor dictionary (resources/actors/*.yaml) checked as data.

These tests read the YAML files directly, so they hold whether or not the
generated world entries (world.py) are available; the one test that merges
with them is skipped when world.py cannot be imported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cache

import pycountry
import pytest
import yaml

from aleppo_events.lexicon.dictionary import RESOURCES, ActorEntry, load_lexicon
from aleppo_events.lexicon.normalize import normalize_ar
from aleppo_events.models import ActorType

ACTOR_DIR = RESOURCES / "actors"
EXPECTED_FILES = {
    "states_overrides.yaml",
    "syria_armed_groups.yaml",
    "generic.yaml",
    "people.yaml",
    "igos.yaml",
    "media.yaml",
}
# Which actor types each file may hold (a person in media.yaml is a slip).
FILE_TYPES = {
    "states_overrides.yaml": {ActorType.state, ActorType.government},
    "syria_armed_groups.yaml": {ActorType.armed_group, ActorType.political_body},
    "regional_groups.yaml": {ActorType.armed_group, ActorType.political_body, ActorType.government},  # rival governments (GNA)
    "generic.yaml": {ActorType.armed_group, ActorType.political_body, ActorType.generic},
    "people.yaml": {ActorType.person},
    "people_world.yaml": {ActorType.person},
    "groups_world.yaml": {ActorType.armed_group, ActorType.political_body, ActorType.igo, ActorType.government},
    "igos.yaml": {ActorType.igo},
    "media.yaml": {ActorType.media},
}
GOV_ID = re.compile(r"^([A-Z]{3})-GOV$")
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
# Words that genuinely begin with و. Any other alias starting with و is most
# likely a conjunction copied along with the name (وروسيا).
WAW_INITIAL_WORDS = {
    "وحدات", "وزارة", "وكالة", "وفد", "وليد", "ولايتي", "واشنطن", "واشنطون",
    "واغادوغو", "وول", "واس", "وام",
    # names that begin with و themselves (people_world.yaml)
    "وفيق", "وائل", "ولد", "وكيل", "وليام", "ويليام", "ويندي", "ويتكوف", "وولفويتز", "ولفويتز", "ون", "وين",
    "وانغ", "وانج", "وو", "وينسلاند", "ورقنه", "ويدودو", "واتارا", "ولفنسون",
    "ولاية",  # "ولاية سيناء", "ولاية بونتلاند": a province or an IS branch
}
# names that begin like a proclitic and the article (فالح is no ف + ال…)
NAMES_LIKE_CLITIC_ARTICLE = {"فالح", "فاليري", "فالستروم", "بالاسينغهام"}
# Article fused with a preposition/conjunction: never the start of a name.
CLITIC_ARTICLE_PREFIXES = ("وال", "فال", "بال", "كال", "لل")


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------


@cache
def raw_files() -> dict[str, list]:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(ACTOR_DIR.glob("*.yaml"))}


@cache
def entries() -> dict[str, ActorEntry]:
    out: dict[str, ActorEntry] = {}
    for rows in raw_files().values():
        for row in rows:
            out[row["actor_id"]] = ActorEntry(**row)
    return out


@cache
def entries_by_file() -> dict[str, list[ActorEntry]]:
    return {name: [ActorEntry(**row) for row in rows] for name, rows in raw_files().items()}


def is_iso3(code: str | None) -> bool:
    return code is not None and pycountry.countries.get(alpha_3=code) is not None


def is_generated_id(actor_id: str) -> bool:
    """An id world.py generates: ISO3 for a state, ISO3-GOV for its government."""
    m = GOV_ID.match(actor_id)
    return is_iso3(m.group(1)) if m else is_iso3(actor_id)


def norm(phrase: str) -> str:
    return " ".join(normalize_ar(phrase).split())


def surface_forms(entry: ActorEntry) -> list[str]:
    return [entry.name_ar, *entry.aliases, *entry.plurals, *entry.capitals]


@cache
def lookup() -> dict[str, set[str]]:
    """Normalised surface form -> actor_ids that list it."""
    table: dict[str, set[str]] = defaultdict(set)
    for entry in entries().values():
        for form in surface_forms(entry):
            table[norm(form)].add(entry.actor_id)
    return table


def resolves(phrase: str) -> set[str]:
    return lookup().get(norm(phrase), set())


# --------------------------------------------------------------------------
# Shape and validity
# --------------------------------------------------------------------------


def test_expected_files_exist_and_hold_entries():
    files = raw_files()
    assert EXPECTED_FILES <= set(files)
    for name in EXPECTED_FILES:
        assert isinstance(files[name], list) and len(files[name]) >= 5, name
    assert len(entries()) >= 300


@pytest.mark.parametrize("name", sorted(EXPECTED_FILES | {"regional_groups.yaml"}))
def test_every_row_is_a_valid_actor_entry_with_known_fields(name):
    rows = raw_files()[name]
    known = set(ActorEntry.model_fields)
    for row in rows:
        assert isinstance(row, dict), row
        assert set(row) <= known, f"{row.get('actor_id')}: unknown fields {set(row) - known}"
        entry = ActorEntry(**row)  # raises on a wrong type or a missing field
        assert entry.actor_id and entry.name_en.strip() and entry.name_ar.strip()


def test_every_file_holds_only_its_kind_of_actor():
    for name, rows in entries_by_file().items():
        allowed = FILE_TYPES.get(name)
        assert allowed is not None, f"{name}: add it to FILE_TYPES"
        wrong = [(e.actor_id, e.actor_type.value) for e in rows if e.actor_type not in allowed]
        assert not wrong, f"{name}: {wrong}"


def test_actor_ids_are_unique_across_curated_files():
    seen: dict[str, str] = {}
    duplicates = []
    for name, rows in raw_files().items():
        for row in rows:
            if row["actor_id"] in seen:
                duplicates.append((row["actor_id"], seen[row["actor_id"]], name))
            seen[row["actor_id"]] = name
    assert duplicates == []


def test_references_point_to_known_actors():
    ids = set(entries())
    dangling = []
    for e in entries().values():
        refs = ([e.affiliation] if e.affiliation else []) + e.member_of + e.renamed_from
        for ref in refs:
            if ref not in ids and not is_generated_id(ref):
                dangling.append((e.actor_id, ref))
            assert ref != e.actor_id, f"{e.actor_id} refers to itself"
    assert dangling == []


def test_country_codes_are_iso3():
    bad = [(e.actor_id, e.country) for e in entries().values() if e.country is not None and not is_iso3(e.country)]
    assert bad == []


def test_only_state_rows_use_generated_ids():
    """Curated non-state actors must not shadow (and so override) a generated state."""
    for name, rows in entries_by_file().items():
        for e in rows:
            if name == "states_overrides.yaml":
                assert is_generated_id(e.actor_id), e.actor_id
            else:
                assert not is_generated_id(e.actor_id), f"{name}: {e.actor_id} looks like an ISO3 id"


def test_state_and_government_rows_are_consistent():
    rows = entries_by_file()["states_overrides.yaml"]
    for e in rows:
        m = GOV_ID.match(e.actor_id)
        if m:
            assert e.actor_type == ActorType.government, e.actor_id
            assert e.country == m.group(1) and e.affiliation == m.group(1), e.actor_id
        else:
            assert e.actor_type == ActorType.state, e.actor_id
            assert e.country == e.actor_id, e.actor_id
    states = {e.actor_id for e in rows if e.actor_type == ActorType.state}
    arab_league = {
        "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT",
        "MAR", "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM",
    }
    others = {"IRN", "TUR", "ISR", "RUS", "USA", "CHN", "GBR", "FRA", "DEU", "ITA", "ESP",
              "ETH", "ERI", "SSD", "KEN", "UGA", "NGA", "MLI", "NER", "TCD", "KAZ"}
    assert arab_league | others <= states
    assert len(states) >= 55


def test_state_affiliated_actors_have_a_country():
    for e in entries().values():
        if e.affiliation and is_generated_id(e.affiliation):
            assert e.country is not None, f"{e.actor_id} speaks for {e.affiliation} but has no country"
            gov = GOV_ID.match(e.affiliation)
            if gov and e.actor_type in (ActorType.person, ActorType.government):
                assert e.country == gov.group(1), f"{e.actor_id}: country {e.country} vs {e.affiliation}"


def test_validity_dates_are_ordered_and_nothing_is_provisional():
    for e in entries().values():
        if e.valid_from and e.valid_to:
            assert e.valid_from <= e.valid_to, e.actor_id
        assert e.provisional is False, f"{e.actor_id}: curated rows are reviewed, not provisional"


# --------------------------------------------------------------------------
# Surface forms
# --------------------------------------------------------------------------


def test_aliases_are_clean_arabic_surface_forms():
    problems = []
    for e in entries().values():
        for form in surface_forms(e) + e.adjectives:
            if not isinstance(form, str) or not form.strip():
                problems.append((e.actor_id, form, "empty"))
                continue
            if form != form.strip() or "  " in form:
                problems.append((e.actor_id, form, "stray whitespace"))
            if not ARABIC_LETTER.search(form):
                problems.append((e.actor_id, form, "no Arabic letter"))
            first_word = form.split()[0]
            if first_word.startswith("و") and first_word not in WAW_INITIAL_WORDS:
                problems.append((e.actor_id, form, "starts with the conjunction و"))
            if first_word.startswith(CLITIC_ARTICLE_PREFIXES) and first_word not in NAMES_LIKE_CLITIC_ARTICLE:
                problems.append((e.actor_id, form, "starts with a proclitic + article"))
    assert problems == []


def test_no_list_repeats_a_form():
    for e in entries().values():
        for field in ("aliases", "adjectives", "plurals", "capitals"):
            values = getattr(e, field)
            assert len(values) == len(set(values)), f"{e.actor_id}.{field}"
        assert e.name_ar not in e.aliases, f"{e.actor_id}: name_ar repeated in aliases"


def test_no_surface_form_names_two_actors():
    clashes = {form: ids for form, ids in lookup().items() if len(ids) > 1}
    assert clashes == {}


def test_no_adjective_is_shared_by_two_actors():
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries().values():
        for stem in e.adjectives:
            owners[norm(stem)].add(e.actor_id)
    assert {s: ids for s, ids in owners.items() if len(ids) > 1} == {}


@pytest.mark.parametrize(
    "bare",
    ["الشرق الأوسط", "العربية", "الجزيرة", "الحياة", "الوطن", "الأخبار", "القاعدة", "فتح",
     "الميادين", "روسيا اليوم", "حلب اليوم", "التحالف", "الحر", "الأحرار"],
)
def test_ambiguous_common_words_are_not_names(bare):
    assert resolves(bare) == set()


def test_deliberate_omissions():
    states = {e.actor_id: e for e in entries_by_file()["states_overrides.yaml"]}
    assert not any(norm("الأكراد") in map(norm, e.plurals) for e in states.values())
    assert resolves("الأكراد") == {"kurdish_forces"}
    assert resolves("عمان") == {"JOR"}  # Amman; Oman is سلطنة عمان
    assert resolves("سلطنة عمان") == {"OMN"}
    assert states["MLI"].adjectives == []  # مالي is also "financial"
    assert "بروكسل" not in states.get("BEL", ActorEntry(actor_id="BEL", name_en="", name_ar="-", actor_type="state")).capitals
    assert resolves("بروكسل") == {"EU"}


# --------------------------------------------------------------------------
# States and governments
# --------------------------------------------------------------------------


def test_state_names_as_in_news_of_the_period():
    e = entries()
    assert e["TUR"].name_en == "Turkey"
    assert e["RUS"].name_en == "Russia"
    assert e["USA"].name_en == "United States"
    assert e["IRN"].name_en == "Iran"
    assert e["SYR"].name_en == "Syria"
    assert e["GBR"].name_en == "United Kingdom"
    assert e["SYR-GOV"].name_en == "Syrian government"


def test_gentilic_plurals_and_adjectives():
    e = entries()
    assert {"الروس", "روس"} <= set(e["RUS"].plurals)
    assert {"الأتراك", "أتراك"} <= set(e["TUR"].plurals)
    assert {"الأمريكيون", "الأمريكيين", "الأميركيين", "الأمريكان"} <= set(e["USA"].plurals)
    assert {"الإيرانيون", "الإيرانيين"} <= set(e["IRN"].plurals)
    assert "البريطانيون" in e["GBR"].plurals and "الفرنسيون" in e["FRA"].plurals
    assert "الإسرائيليون" in e["ISR"].plurals and "الفلسطينيون" in e["PSE"].plurals
    assert "السعوديون" in e["SAU"].plurals and "المصريون" in e["EGY"].plurals
    assert {"أمريكي", "أميركي"} <= set(e["USA"].adjectives)
    assert e["GBR"].adjectives == ["بريطاني"]
    assert e["ARE"].adjectives == ["إماراتي"]
    assert e["SAU"].adjectives == ["سعودي"]
    assert e["UN"].adjectives == ["أممي"]


@pytest.mark.parametrize(
    "phrase, actor_id",
    [
        ("أمريكا", "USA"),
        ("أميركا", "USA"),
        ("واشنطن", "USA"),
        ("إسرائيل", "ISR"),
        ("الكيان الصهيوني", "ISR"),
        ("الاتحاد الروسي", "RUS"),
        ("الجمهورية التركية", "TUR"),
        ("موسكو", "RUS"),
        ("أنقرة", "TUR"),
        ("طهران", "IRN"),
        ("سورية", "SYR"),
        # the Syrian government
        ("النظام السوري", "SYR-GOV"),
        ("نظام الأسد", "SYR-GOV"),
        ("سلطة الأسد", "SYR-GOV"),
        ("قوات النظام", "SYR-GOV"),
        ("قوات الأسد", "SYR-GOV"),
        ("الحكومة السورية", "SYR-GOV"),
        ("النظام", "SYR-GOV"),
        ("ميليشيات الأسد", "SYR-GOV"),
        # sides of states in talks
        ("الجانب الروسي", "RUS-GOV"),
        ("الطرف الروسي", "RUS-GOV"),
        ("ممثلين روس", "RUS-GOV"),
        ("ممثلون روس", "RUS-GOV"),
        ("مبعوثين من الحكومة الروسية", "RUS-GOV"),
        ("وزارة الدفاع الروسية", "RUS-GOV"),
        ("الجانب التركي", "TUR-GOV"),
        ("الاستخبارات التركية", "TUR-GOV"),
        ("مجلس الأمن القومي التركي", "TUR-GOV"),
        ("الجانب الأمريكي", "USA-GOV"),
        ("الجانب الأميركي", "USA-GOV"),
        ("الجانب الإيراني", "IRN-GOV"),
        ("الحرس الثوري الإيراني", "IRN-GOV"),
    ],
)
def test_state_and_government_phrases_resolve(phrase, actor_id):
    assert resolves(phrase) == {actor_id}


def test_hamza_variants_need_not_be_listed_twice():
    # أ/ا, ة/ه and ى/ي are folded by the normaliser: one listing covers both.
    assert resolves("انقره") == {"TUR"}
    assert resolves("الاتراك") == {"TUR"}
    assert resolves("امريكا") == {"USA"}


# --------------------------------------------------------------------------
# Armed groups
# --------------------------------------------------------------------------


def test_jaish_halab_members():
    e = entries()
    assert e["jaish_halab"].valid_from == dt.date(2016, 12, 1)
    members = {a for a, entry in e.items() if "jaish_halab" in entry.member_of}
    assert {"ahrar_al_sham", "levant_front", "nour_al_din_al_zenki"} <= members


def test_nusra_rename_chain():
    e = entries()
    nusra, jfs, hts = e["jabhat_al_nusra"], e["jabhat_fatah_al_sham"], e["hayat_tahrir_al_sham"]
    assert jfs.renamed_from == ["jabhat_al_nusra"]
    assert jfs.valid_from == dt.date(2016, 7, 28)
    assert nusra.valid_to == dt.date(2016, 7, 27)
    assert hts.renamed_from == ["jabhat_fatah_al_sham"]
    assert hts.valid_from == dt.date(2017, 1, 28)
    assert jfs.valid_to == dt.date(2017, 1, 27)
    assert resolves("جبهة النصرة") == resolves("النصرة") == {"jabhat_al_nusra"}
    assert resolves("جبهة فتح الشام") == resolves("فتح الشام") == {"jabhat_fatah_al_sham"}
    assert resolves("هيئة تحرير الشام") == resolves("تحرير الشام") == {"hayat_tahrir_al_sham"}


def test_every_rename_starts_the_day_after_its_predecessor_ends():
    e = entries()
    for entry in e.values():
        for old in entry.renamed_from:
            if old in e and e[old].valid_to and entry.valid_from:
                assert entry.valid_from - e[old].valid_to == dt.timedelta(days=1), entry.actor_id


def test_generic_opposition():
    opp = entries()["syrian_opposition"]
    assert opp.name_en == "Syrian opposition factions"
    assert opp.actor_type == ActorType.armed_group
    assert opp.country == "SYR" and opp.generic is True
    for phrase in ["فصائل المعارضة", "الفصائل المعارضة", "فصائل معارضة", "الفصائل الثورية", "فصائل ثورية",
                   "فصائل الثورة", "المعارضة المسلحة", "المعارضة السورية المسلحة", "المعارضة السورية",
                   "الثوار", "فصائل حلب", "الفصائل العسكرية", "ممثلي الفصائل", "الفصائل", "المعارضين", "المعارضة"]:
        assert resolves(phrase) == {"syrian_opposition"}, phrase


def test_political_opposition_bodies_are_separate():
    e = entries()
    assert e["snc"].actor_type == e["hnc"].actor_type == ActorType.political_body
    assert resolves("الائتلاف الوطني السوري") == resolves("الائتلاف") == {"snc"}
    assert resolves("الهيئة العليا للمفاوضات") == {"hnc"}
    assert e["syrian_negotiation_commission"].renamed_from == ["hnc"]


def test_opposition_factions_are_syrian_and_jihadists_are_not_opposition():
    e = entries()
    for entry in e.values():
        if entry.affiliation == "syrian_opposition":
            assert entry.country == "SYR", entry.actor_id
    jihadists = {"jabhat_al_nusra", "jabhat_fatah_al_sham", "hayat_tahrir_al_sham", "isis",
                 "jund_al_aqsa", "hurras_al_din", "turkistan_islamic_party", "al_qaeda", "jaish_al_fath"}
    for actor_id in jihadists:
        assert e[actor_id].affiliation != "syrian_opposition", actor_id
    for actor_id in ["ahrar_al_sham", "levant_front", "nour_al_din_al_zenki", "jaish_al_mujahideen",
                     "faylaq_al_sham", "jaish_al_islam", "jaish_al_izza", "free_syrian_army", "jaish_halab",
                     "euphrates_shield_factions"]:
        assert e[actor_id].affiliation == "syrian_opposition", actor_id


def test_pro_government_and_iranian_forces():
    e = entries()
    assert e["iranian_militias"].affiliation == "IRN" and e["iranian_militias"].generic
    assert resolves("الميليشيات الإيرانية") == {"iranian_militias"}
    assert e["liwa_al_quds"].affiliation == "SYR-GOV"
    assert e["hezbollah"].country == "LBN"
    assert e["ypg"].member_of == ["sdf"]
    assert resolves("قسد") == {"sdf"}
    assert resolves("داعش") == resolves("تنظيم الدولة") == {"isis"}


# --------------------------------------------------------------------------
# People, IGOs, media
# --------------------------------------------------------------------------


def test_people_speak_for_someone():
    loose = {e.actor_id for e in entries_by_file()["people.yaml"] if e.affiliation is None}
    assert loose == {"rifaat_al_assad"}  # exiled, speaks for no one


@pytest.mark.parametrize(
    "phrase, actor_id",
    [
        ("سيرغي لافروف", "sergei_lavrov"),
        ("سيرجي لافروف", "sergei_lavrov"),
        ("لافروف", "sergei_lavrov"),
        ("مولود جاويش أوغلو", "mevlut_cavusoglu"),
        ("جاويش أوغلو", "mevlut_cavusoglu"),
        ("جاووش أوغلو", "mevlut_cavusoglu"),
        ("تشاووش أوغلو", "mevlut_cavusoglu"),
        ("شاووش أوغلو", "mevlut_cavusoglu"),
        ("رجب طيب أردوغان", "recep_tayyip_erdogan"),
        ("إردوغان", "recep_tayyip_erdogan"),
        ("بشار الأسد", "bashar_al_assad"),
        ("الأسد", "bashar_al_assad"),
        ("جون كيري", "john_kerry"),
        ("كيري", "john_kerry"),
        ("ستيفان دي ميستورا", "staffan_de_mistura"),
        ("دي مستورا", "staffan_de_mistura"),
        ("وليد المعلم", "walid_muallem"),
        ("باولو جينتيلوني", "paolo_gentiloni"),
        ("ياسر اليوسف", "yasser_al_youssef"),
    ],
)
def test_people_resolve(phrase, actor_id):
    assert resolves(phrase) == {actor_id}


def test_people_affiliations():
    e = entries()
    assert (e["sergei_lavrov"].affiliation, e["sergei_lavrov"].country) == ("RUS-GOV", "RUS")
    assert (e["mevlut_cavusoglu"].affiliation, e["mevlut_cavusoglu"].country) == ("TUR-GOV", "TUR")
    assert (e["staffan_de_mistura"].affiliation, e["staffan_de_mistura"].country) == ("UN", None)
    assert (e["paolo_gentiloni"].affiliation, e["paolo_gentiloni"].country) == ("ITA-GOV", "ITA")
    assert e["federica_mogherini"].affiliation == "EU"
    assert e["ismail_haniyeh"].affiliation == "hamas"
    assert e["yasser_al_youssef"].affiliation == "nour_al_din_al_zenki"
    assert "المعلم" not in e["walid_muallem"].aliases  # "the teacher"


def test_igos():
    e = entries()
    for actor_id in ["UN", "UNSC", "UNGA", "EU", "LAS", "AU", "IGAD", "GCC", "OIC", "NATO", "ICRC", "OPCW", "ECOWAS"]:
        assert e[actor_id].actor_type == ActorType.igo and e[actor_id].country is None, actor_id
    assert e["UNSC"].member_of == ["UN"]
    assert resolves("مجلس الأمن") == {"UNSC"}
    assert resolves("الأمم المتحدة") == resolves("المنظمة الدولية") == {"UN"}
    assert resolves("الجمعية العامة") == {"UNGA"}
    assert resolves("الجامعة العربية") == {"LAS"}
    assert resolves("الاتحاد الأفريقي") == resolves("الاتحاد الإفريقي") == {"AU"}
    assert resolves("الناتو") == {"NATO"}
    assert resolves("إيكواس") == {"ECOWAS"}


@pytest.mark.parametrize(
    "phrase, actor_id",
    [
        ("فاينانشال تايمز", "financial_times"),
        ("فايننشال تايمز", "financial_times"),
        ("لوموند", "le_monde"),
        ("صحيفة الشرق الأوسط", "asharq_al_awsat"),
        ("صحيفة الحياة", "al_hayat"),
        ("العربي الجديد", "al_araby_al_jadeed"),
        ("أورينت نت", "orient_news"),
        ("عنب بلدي", "enab_baladi"),
        ("ترك برس", "turk_press"),
        ("نوفوستي", "ria_novosti"),
        ("سبوتنيك", "sputnik"),
        ("تاس", "tass"),
        ("الأناضول", "anadolu"),
        ("قناة العربية", "al_arabiya"),
        ("رويترز", "reuters"),
        ("فرانس برس", "afp"),
        ("وكالة الصحافة الفرنسية", "afp"),
        ("أسوشيتد برس", "ap"),
        ("سانا", "sana"),
        ("المرصد السوري لحقوق الإنسان", "sohr"),
        ("حرييت", "hurriyet"),
    ],
)
def test_media_resolve(phrase, actor_id):
    assert resolves(phrase) == {actor_id}


def test_media_have_a_country():
    for e in entries_by_file()["media.yaml"]:
        assert is_iso3(e.country), e.actor_id
        assert e.affiliation is None, f"{e.actor_id}: a report is not a statement of its owner"


# --------------------------------------------------------------------------
# Title lexicon
# --------------------------------------------------------------------------


def test_titles_lexicon():
    titles = load_lexicon("titles")
    assert isinstance(titles, list)
    for item in titles:
        assert set(item) <= {"ar", "en", "kind", "construct"}, item
        assert item["ar"].strip() and item["en"].strip(), item
        assert item["kind"] in {"person", "institution", "delegation"}, item
    forms = [norm(item["ar"]) for item in titles]
    assert len(forms) == len(set(forms))
    required = ["وزير الخارجية", "وزير الدفاع", "الرئيس", "رئيس الوزراء", "رئيس الحكومة", "رئيس هيئة الأركان",
                "المتحدث باسم", "السفير", "المبعوث", "نائب وزير الخارجية", "مستشار الأمن القومي",
                "رئيس جهاز الاستخبارات"]
    assert {norm(t) for t in required} <= set(forms)
    by_ar = {item["ar"]: item for item in titles}
    assert by_ar["وزير الخارجية"]["en"] == "foreign minister"
    assert by_ar["وزير الخارجية"]["construct"] == "وزير خارجية"


# --------------------------------------------------------------------------
# Merged with the generated world entries
# --------------------------------------------------------------------------


def test_curated_rows_override_generated_states():
    pytest.importorskip("aleppo_events.lexicon.world")
    from aleppo_events.lexicon.dictionary import load_actors

    actors = load_actors()
    assert actors["TUR"].name_en == "Turkey"
    assert {"الأتراك", "أتراك"} <= set(actors["TUR"].plurals)
    assert "الروس" in actors["RUS"].plurals
    assert "النظام السوري" in actors["SYR-GOV"].aliases
    assert actors["syrian_opposition"].name_en == "Syrian opposition factions"
    assert actors["sergei_lavrov"].affiliation in actors
