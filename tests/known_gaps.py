"""Known extraction gaps: sentences where the pipeline's answer is wrong.

This file is NOT collected by pytest (its name does not match test_*.py), so
the suite stays green while these stay open. Each gap gives the sentence, the
value a careful human coder would record, and the tests below assert it: run

    .venv/bin/python -m pytest tests/known_gaps.py -q

to see which gaps are still open, and

    .venv/bin/python tests/known_gaps.py

to print expected vs actual for each. When a gap closes, move its case to the
phenomenon file it belongs to (test_morphology, test_actor_resolution,
test_event_places, test_event_status, test_event_roles).

Expected keys (all optional), checked on the first event of `event_type`
(or of any type):
    n_events       number of events of `event_type` (or of any type) in the sentence
    status, negated, location, cameo
    roles          exact {actor_id: role} of the event
    roles_include  {actor_id: role} that must be among the event's roles
    roles_exclude  [(actor_id, role)] pairs that must NOT be there
    mentions       exact [(actor_id, surface)] of the sentence's actor mentions (places excluded)
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).parent))

THU = dt.date(2023, 3, 16)


@dataclass(frozen=True)
class Gap:
    gid: str
    area: str  # which phenomenon file the case belongs to once fixed
    text: str
    expected: dict = field(default_factory=dict)
    event_type: Optional[str] = None
    published: Optional[dt.date] = None
    note: str = ""


GAPS: list[Gap] = [
    # ---------------------------------------------------------------- triggers
    Gap("bahath-split", "roles",
        "وبحث لافروف مع نظيره السعودي في الرياض مستقبل التعاون.",
        {"n_events": 1, "location": "Riyadh", "roles": {"sergei_lavrov": "participant", "SAU-GOV": "participant"}},
        "meeting", note="'بحث مع' is only a trigger when adjacent; the subject between verb and مع breaks it"),
    Gap("bahath-split-2", "places",
        "بحثت الحكومة المصرية في القاهرة مع وفد أمريكي الأوضاع في غزة.",
        {"n_events": 1, "location": "Cairo", "roles": {"EGY-GOV": "participant", "USA-GOV": "participant"}},
        "meeting"),
    Gap("bahath-split-3", "roles",
        "وبحث الأمير القطري مع الوفد الكويتي سبل التهدئة.",
        {"n_events": 1, "roles": {"QAT-GOV": "participant", "KWT-GOV": "participant"}},
        "meeting", note="also: no meeting, but a spurious called_for ceasefire from 'سبل التهدئة'"),
    Gap("naqash-no-trigger", "roles",
        "وناقش وزراء خارجية الاتحاد الأوروبي في بروكسل العقوبات على روسيا.",
        {"n_events": 1, "location": "Brussels", "roles": {"EU": "participant"}},
        "meeting", note="a ministers' meeting reported with ناقش alone"),
    Gap("enclitic-trigger", "morphology",
        "وفرض وزراء خارجية الاتحاد الأوروبي خلال اجتماعهم في بروكسل عقوبات جديدة على روسيا.",
        {"n_events": 1, "location": "Brussels", "roles": {"EU": "participant"}},
        "meeting", note="enclitic pronoun on the trigger: اجتماعهم"),
    Gap("conference-venue", "places",
        "وسيعقد مؤتمر أستانة الأسبوع المقبل.",
        {"n_events": 1, "status": "planned", "location": "Astana"},
        "meeting", THU, note="bare مؤتمر + venue is no trigger (only مؤتمر سلام/دولي/صحفي)"),
    Gap("arrival-split", "places",
        "وصل وفد إماراتي إلى أديس أبابا.",
        {"n_events": 1, "cameo": "042", "location": "Addis Ababa", "roles": {"ARE-GOV": "participant", "ETH": "host"}},
        "meeting", note="'وصل إلى' with the subject in between is no visit"),
    Gap("ceasefire-immediate", "status",
        "ودعا الاتحاد الأفريقي إلى وقف فوري لإطلاق النار في السودان.",
        {"n_events": 1, "status": "called_for", "location": "Sudan"},
        "ceasefire", note="'وقف فوري لإطلاق النار' (adjective inside the phrase) is not a trigger form"),
    Gap("spurious-mediation-meeting", "status",
        "وتم الاتفاق على هدنة في اليمن برعاية الأمم المتحدة.",
        {"n_events": 1, "status": "agreed", "location": "Yemen", "roles": {"UN": "mediator"}},
        None, note="برعاية opens a second, 'meeting' event next to the truce"),
    Gap("spurious-mediation-meeting-2", "roles",
        "ودخلت الهدنة في اليمن حيز التنفيذ أول من أمس برعاية الأمم المتحدة.",
        {"n_events": 1, "status": "agreed", "location": "Yemen"},
        None, THU),
    # ---------------------------------------------------------------- places
    Gap("visit-country-destination", "places",
        "زار رئيس وزراء إثيوبيا كينيا لإجراء محادثات مع الرئيس الكيني.",
        {"location": "Kenya", "roles_include": {"KEN-GOV": "participant"}},
        "meeting", note="a country as a visit's object is tagged as an actor, so no place mention exists"),
    Gap("visit-country-destination-2", "places",
        "وقالت الرئاسة الصومالية إن الرئيس الصومالي زار جيبوتي والتقى بنظيره الجيبوتي.",
        {"location": "Djibouti", "roles_include": {"SOM-GOV": "participant", "DJI-GOV": "participant"}},
        "meeting"),
    Gap("host-country-location", "places",
        "واستضافت سلطنة عمان جولة جديدة من المحادثات بين السعودية والحوثيين.",
        {"location": "Oman", "roles": {"OMN": "host", "SAU": "participant", "houthis": "participant"}},
        "meeting", note="a hosting state gives the event its country when no city is named"),
    Gap("capital-before-host-verb", "roles",
        "وقال مسؤول مصري لقناة الجزيرة إن القاهرة ستستضيف محادثات بين حماس وفتح.",
        {"location": "Cairo", "status": "planned",
         "roles": {"EGY": "host", "hamas": "participant", "fatah_movement": "participant"}},
        "meeting", note="venue lost; the speaking official becomes a participant; bare فتح after 'حماس و' not read as Fatah"),
    Gap("capital-before-host-verb-2", "roles",
        "وقال لافروف لوكالة تاس إن موسكو ستستضيف لقاء بين أرمينيا وأذربيجان.",
        {"location": "Moscow", "status": "planned",
         "roles": {"RUS": "host", "ARM": "participant", "AZE": "participant"}},
        "meeting", note="the speaker (Lavrov) is taken for a participant"),
    Gap("capital-before-host-verb-3", "roles",
        "وقال وزير الخارجية البحريني إن المنامة ستستضيف اجتماعا لدول مجلس التعاون الخليجي.",
        {"location": "Manama", "roles_include": {"BHR": "host", "GCC": "participant"},
         "roles_exclude": [("GCC", "host")]},
        "meeting"),
    Gap("venue-before-trigger-noncapital", "places",
        "وعقدت في إسطنبول محادثات بين روسيا وأوكرانيا برعاية تركية.",
        {"location": "Istanbul", "roles": {"RUS": "participant", "UKR": "participant", "TUR": "mediator"}},
        "meeting", note="'في X محادثات بين A وB': the و-list after a non-capital venue is read as the venue's actors"),
    Gap("venue-after-generic-actor", "places",
        "التقى دي ميستورا مع وفد المعارضة في جنيف.",
        # the UN envoy takes part as the UN he speaks for (an IGO official has no country)
        {"location": "Geneva", "roles": {"UN": "participant", "syrian_opposition": "participant"}},
        "meeting", note="'في جنيف' right after an opposition/armed-group name is taken to locate the group"),
    Gap("venue-after-armed-group", "places",
        "وفشلت محادثات بين الجيش السوداني وقوات الدعم السريع في جدة.",
        {"location": "Jeddah", "status": "failed"},
        "meeting"),
    Gap("amman-vs-oman", "places",
        "وذكرت وكالة رويترز أن وزيري خارجية مصر والعراق اجتمعا في عمان.",
        {"location": "Amman"},
        "meeting", note="states_overrides keeps bare عمان for Amman (Oman is سلطنة عمان), the gazetteer picks Oman"),
    # ---------------------------------------------------------------- status
    Gap("failed-doon-an", "status",
        "وانتهت جولة المحادثات بين الحكومة اليمنية والحوثيين في مسقط دون أن تتمخض عن نتائج.",
        {"status": "failed", "location": "Muscat"},
        "meeting", note="'دون أن تتمخض' is not a failure cue (only 'لم تتمخض')"),
    Gap("meeting-proposed", "status",
        "واقترحت قطر عقد جولة جديدة من المفاوضات بين الطرفين في الدوحة.",
        {"status": "proposed", "roles": {"QAT": "proposer"}},
        "meeting", note="meetings may not take the status 'proposed' (_ALLOWED_STATUS)"),
    Gap("signed-ceasefire-agreement", "status",
        "ووقعت الحكومة السودانية والحركة الشعبية شمال اتفاقا لوقف إطلاق النار في جوبا.",
        {"status": "agreed", "location": "Juba", "roles": {"SDN-GOV": "participant", "splm_n": "participant"}},
        "ceasefire", note="'اتفاقا لوقف' (signed agreement) is turned into 'proposed' by the ل-purpose rule"),
    Gap("suspended-subject-dropped", "status",
        "وأعلنت الحكومة الإثيوبية تعليق المحادثات مع جبهة تيغراي.",
        {"status": "suspended", "roles": {"ETH-GOV": "participant", "tplf": "participant"}},
        "meeting", note="definite (anaphoric) trigger drops the un-cued subject"),
    Gap("suspended-subject-dropped-2", "status",
        "وأعلنت الحكومة اليمنية تعليق مشاركتها في المحادثات مع الحوثيين.",
        {"status": "suspended", "roles": {"YEM-GOV": "participant", "houthis": "participant"}},
        "meeting"),
    Gap("revive-talks-subjects", "roles",
        "وتعمل طهران وواشنطن على إحياء المفاوضات النووية.",
        {"roles": {"IRN": "participant", "USA": "participant"}},
        "meeting", note="definite trigger: the two capitals working to revive the talks are dropped"),
    # ---------------------------------------------------------------- roles
    Gap("absent-subject-lam-tusharik", "roles",
        "ولم تشارك الإمارات في قمة الجزائر.",
        {"status": "denied", "negated": True, "roles": {"ARE": "absent"}},
        "meeting", note="an actor AFTER 'لم تشارك' stays participant (only roles_after covers it)"),
    Gap("refused-to-attend", "roles",
        "فالإيرانيون رفضوا المشاركة في اجتماع أستانة بين روسيا وتركيا.",
        {"roles_exclude": [("IRN", "participant")], "location": "Astana"},
        "meeting", note="Iran refused to take part: absent or rejecter, never participant"),
    Gap("visitor-received-as-host", "roles",
        "وأفادت وكالة الأنباء القطرية بأن أمير قطر استقبل الرئيس الرواندي في الدوحة.",
        {"location": "Doha", "roles": {"QAT-GOV": "host", "RWA-GOV": "participant"}},
        "meeting", note="the guest after استقبل takes the host role; أمير is no government noun"),
    Gap("igo-summit-not-host", "roles",
        "واستضافت أبوجا قمة لمجموعة إيكواس بحضور قادة غانا والسنغال وساحل العاج.",
        {"location": "Abuja", "roles_include": {"NGA": "host", "ECOWAS": "participant"}, "roles_exclude": [("ECOWAS", "host")]},
        "meeting"),
    Gap("mediators-named-as-such", "roles",
        "وعقد الوسطاء القطريون والمصريون جولة محادثات في الدوحة بشأن التهدئة في غزة.",
        {"location": "Doha", "roles": {"QAT": "mediator", "EGY": "mediator"}},
        "meeting", note="'الوسطاء القطريون والمصريون' are mediators, not participants"),
    Gap("mediator-adjective-after-trigger", "roles",
        "وجرت المحادثات بوساطة سعودية.",
        {"roles": {"SAU": "mediator"}},
        "meeting", note="the adjective is dropped as a place description because المحادثات counts as locative_before"),
    Gap("mediator-via-abr", "roles",
        "ووجه الرئيس الأوكراني رسالة لروسيا عبر الوسيط التركي.",
        {"roles": {"UKR-GOV": "participant", "RUS": "participant", "TUR": "mediator"}},
        "meeting", note="RUS is made the mediator; التركي after 'عبر الوسيط' is dropped"),
    Gap("proposer-in-relative-clause", "roles",
        "ورفضت إسرائيل مقترح الهدنة الذي قدمته مصر.",
        {"status": "rejected", "roles": {"ISR": "rejecter", "EGY": "proposer"}},
        "ceasefire"),
    Gap("proposer-in-relative-clause-2", "roles",
        "ورفض الحوثيون الهدنة التي اقترحتها الأمم المتحدة.",
        {"status": "rejected", "roles": {"houthis": "rejecter", "UN": "proposer"}},
        "ceasefire"),
    Gap("proposer-adjective", "roles",
        "ورفضت حركة حماس المقترح الإسرائيلي لوقف إطلاق النار.",
        {"status": "rejected", "roles": {"hamas": "rejecter", "ISR": "proposer"}},
        "ceasefire"),
    Gap("absent-rebel-group-name", "roles",
        "ووقعت الحكومة السودانية والحركة الشعبية شمال اتفاقا لوقف إطلاق النار دون مشاركة حركة جيش تحرير السودان.",
        {"status": "agreed", "roles_include": {"SDN-GOV": "participant", "splm_n": "participant"},
         "roles_exclude": [("SDN", "absent"), ("SDN", "participant")]},
        "ceasefire", note="SLM (حركة جيش تحرير السودان) missing from the dictionary; السودان inside its name is read as Sudan the state"),
    # ---------------------------------------------------------------- actors
    Gap("title-idafa-government", "actors",
        "والتقى وزير خارجية النرويج مع وزير خارجية إثيوبيا في أوسلو.",
        {"location": "Oslo", "roles": {"NOR-GOV": "participant", "ETH-GOV": "participant"}},
        "meeting", note="'وزير خارجية X' gives the state, not its government (the nisba form does)"),
    Gap("title-idafa-government-2", "actors",
        "التقى وزير خارجية قطر نظيره الكيني في نيروبي.",
        {"location": "Nairobi", "roles": {"QAT-GOV": "participant", "KEN-GOV": "participant"}},
        "meeting"),
    Gap("title-crown-prince", "actors",
        "الرياض - 5 أيار 2019\nاستقبل ولي العهد السعودي أمس رئيس وزراء إثيوبيا.",
        {"roles": {"SAU-GOV": "host", "ETH-GOV": "participant"}},
        "meeting", note="ولي العهد / رئيس وزراء X are not government titles"),
    Gap("officials-list-government", "actors",
        "وعقدت قمة العقبة بحضور مسؤولين أردنيين ومصريين وأمريكيين.",
        {"location": "Aqaba", "roles": {"JOR-GOV": "participant", "EGY-GOV": "participant", "USA-GOV": "participant"}},
        "meeting", note="the first nisba after مسؤولين is the government, the coordinated ones are read as states"),
    Gap("drc-full-name", "actors",
        "وأعلنت جمهورية الكونغو الديمقراطية عن محادثات مع رواندا في لواندا.",
        {"location": "Luanda", "roles": {"COD": "participant", "RWA": "participant"}},
        "meeting", note="'جمهورية الكونغو الديمقراطية' (common spelling) matches COG's alias 'جمهورية الكونغو'"),
    Gap("drc-government-adjective", "actors",
        "وتجري محادثات في الدوحة بين حركة إم 23 والحكومة الكونغولية برعاية قطرية.",
        {"location": "Doha", "roles": {"m23": "participant", "COD-GOV": "participant", "QAT": "mediator"}},
        "meeting", note="no adjective كونغولي; with M23 the Congolese government is Kinshasa's"),
    Gap("drc-government-idafa", "actors",
        "وتتوسط قطر بين حكومة الكونغو الديمقراطية وحركة إم 23.",
        {"roles": {"QAT": "mediator", "COD-GOV": "participant", "m23": "participant"}},
        "meeting"),
    Gap("tplf-common-spelling", "actors",
        "وتوسطت قطر والنرويج في محادثات بين الحكومة الإثيوبية وجبهة تحرير تيغراي.",
        {"roles": {"QAT": "mediator", "NOR": "mediator", "ETH-GOV": "participant", "tplf": "participant"}},
        "meeting", note="'جبهة تحرير تيغراي' is not an alias of tplf"),
    Gap("zelensky-missing", "actors",
        "ونفى الكرملين عقد أي اجتماع بين بوتين وزيلينسكي.",
        {"status": "denied", "negated": True, "roles_include": {"vladimir_putin": "participant"},
         "ukr_person_participant": True},
        "meeting", note="Volodymyr Zelensky is not in people.yaml"),
    Gap("invisible-marks-in-mention", "morphology",
        "وعقد اجتماع في \u200fالرياض\u200f بين السعودية والعراق.",
        {"place_mentions": ["الرياض"]},
        "meeting", note="RLM marks around a name end up inside the mention surface"),
]


# --------------------------------------------------------------------------


def observe(gap: Gap) -> dict:
    """What the pipeline says, in the keys of `gap.expected`."""
    from helpers import run

    from aleppo_events.models import EventType

    doc = run(gap.text, gap.published)
    evs = doc.events
    if gap.event_type:
        evs = [e for e in evs if e.event_type == EventType(gap.event_type)]
    e = evs[0] if evs else None
    got_roles = {a.actor_id: a.role.value for a in e.actors} if e else None
    out: dict = {}
    for key, want in gap.expected.items():
        if key == "n_events":
            out[key] = len(evs)
        elif key in ("status", "location", "negated"):
            v = getattr(e, key) if e else None
            out[key] = v.value if hasattr(v, "value") else v
        elif key == "cameo":
            out[key] = e.cameo_code if e else None
        elif key == "roles":
            out[key] = got_roles
        elif key == "roles_include":
            out[key] = {k: (got_roles or {}).get(k) for k in want}
        elif key == "roles_exclude":
            out[key] = [(k, v) for k, v in (got_roles or {}).items() if (k, v) in want]
        elif key == "ukr_person_participant":
            out[key] = bool(e) and any(a.actor_type == "person" and a.country == "UKR" and a.role.value == "participant" for a in e.actors)
        elif key == "place_mentions":
            out[key] = [p.mention for p in doc.place_mentions]
    return out


def expected_view(gap: Gap) -> dict:
    return {k: ([] if k == "roles_exclude" else v) for k, v in gap.expected.items()}


def check(gap: Gap) -> None:
    assert observe(gap) == expected_view(gap), gap.note


# Collected only when this file is named on the command line.
def _make_test(gap: Gap):
    def test():
        check(gap)

    test.__name__ = f"test_gap_{gap.gid.replace('-', '_')}"
    return test


for _gap in GAPS:
    globals()[_make_test(_gap).__name__] = _make_test(_gap)
del _gap


if __name__ == "__main__":  # expected vs actual, for the report
    open_gaps = 0
    for gap in GAPS:
        got, want = observe(gap), expected_view(gap)
        status = "CLOSED" if got == want else "OPEN"
        open_gaps += status == "OPEN"
        print(f"[{status}] {gap.gid} ({gap.area})\n  {gap.text}")
        print(f"  expected: {want}\n  actual:   {got}")
        if gap.note:
            print(f"  note: {gap.note}")
    print(f"\n{open_gaps} open of {len(GAPS)}")
