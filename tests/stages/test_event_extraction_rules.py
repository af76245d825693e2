"""Rules of events.py not covered by one phenomenon file, on sentences written for them."""

import datetime as dt

from helpers import events, one_event, roles, run

THU = dt.date(2022, 4, 7)


def test_the_finer_of_two_adjacent_place_names_is_the_venue():
    e = one_event("انطلقت في العاصمة السعودية الرياض مشاورات بين الأطراف اليمنية.", event_type="meeting")
    assert (e.location, e.location_detail) == ("Riyadh", "Riyadh")


def test_a_visited_capital_is_the_place_not_a_participant():
    e = one_event("وقال المبعوث الأممي إنه سيزور صنعاء الأسبوع المقبل للقاء قيادات الحوثيين.", published=THU,
                  event_type="meeting")
    assert e.location == "Sanaa"
    assert "YEM" not in roles(e)
    assert (e.status.value, e.event_date, e.date_precision.value) == ("planned", dt.date(2022, 4, 11), "week")


def test_a_date_far_after_the_trigger_belongs_to_something_else():
    e = one_event("اتفق المشاركون الليبيون في الحوار السياسي المنعقد في تونس على إجراء انتخابات عامة في 24 ديسمبر 2021.",
                  published=dt.date(2020, 11, 9), event_type="meeting")
    # not the elections' day; the lead's story, dated nowhere, is the article's day
    assert e.event_date == dt.date(2020, 11, 9)
    assert e.status.value == "occurred"


def test_a_ceasefire_without_a_place_concerns_its_parties_country():
    e = one_event("وأعلنت الأمم المتحدة هدنة بين الحكومة اليمنية والحوثيين.", event_type="ceasefire")
    assert e.location == "Yemen"


def test_mediation_words_beside_a_ceasefire_do_not_make_a_meeting():
    found = events("وتم الاتفاق على هدنة في اليمن برعاية الأمم المتحدة.")
    assert [e.event_type.value for e in found] == ["ceasefire"]
    assert roles(found[0]).get("UN") == "mediator"


def test_a_trigger_word_inside_a_name_reports_nothing():
    assert events("وأصدرت الهيئة العليا للمفاوضات بيانا حول الأوضاع الإنسانية.") == []


def test_a_denial_negates_only_the_first_event_after_it():
    found = events("وأكد القيادي أن الحركة لم تشارك بأي لقاء مع ممثلين روس في أنقرة لمناقشة مؤتمر أستانة.")
    by_trigger = {e.trigger: (e.status.value, e.negated) for e in found}
    assert by_trigger["لقاء"] == ("denied", True)
    assert by_trigger["مؤتمر"][1] is False


def test_a_meeting_naming_no_one_is_kept_when_it_is_all_the_article_tells():
    found = events("وعقدت في داكار قمة إقليمية حول الأمن في الساحل.", event_type="meeting")
    assert [e.location for e in found] == ["Dakar"]


def test_a_meeting_naming_no_one_elsewhere_stays_apart_from_the_meeting_with_parties():
    text = "والتقى وزير الخارجية الكيني نظيره الإثيوبي في نيروبي أمس. وتعقد محادثات داكار الشهر المقبل."
    found = events(text, published=dt.date(2019, 3, 4), event_type="meeting")
    assert sorted(e.location for e in found) == ["Dakar", "Nairobi"]


def test_the_date_a_scheduling_word_gives_the_event_beats_the_verbs_date():
    # the announcement was on Tuesday; the summit was set for the 20th of next month
    e = one_event("وكان الرئيس الكيني قد أعلن الثلاثاء إلغاء القمة مع إثيوبيا التي كانت مقررة في العشرين من الشهر المقبل.",
                  published=dt.date(2019, 3, 7), event_type="meeting")
    assert e.event_date == dt.date(2019, 4, 20)


def test_a_calm_agreed_is_a_truce_and_a_call_for_calm_is_none():
    """تهدئة is calm in general; an agreement word before it makes it a truce."""
    truce = one_event("أعلنت الحكومة الكولومبية فجر السبت التوصل لاتفاق لعودة التهدئة في كولومبيا.",
                      dt.date(2016, 6, 25), "ceasefire")
    assert truce.status.value == "agreed" and truce.event_date == dt.date(2016, 6, 25)
    assert events("دعا وزير الخارجية الفرنسي للتهدئة في كولومبيا.", dt.date(2016, 6, 25), "ceasefire") == []


def test_who_chairs_talks_takes_part_and_a_later_future_verb_names_the_parties():
    talks = one_event("وخلال المحادثات، برئاسة الاتحاد الأفريقي، سيسعى المسؤولون الكينيون وراء ضمانات.",
                      dt.date(2009, 5, 16), "meeting")
    assert roles(talks) == {"AU": "participant", "KEN": "participant"}


def test_a_state_thanked_after_a_meeting_noun_is_no_venue():
    """"ولدولتي الكويت…" after "لهذا الاجتماع،": دولتي is no nisba of the meeting noun."""
    doc = run("وشكر الرئيس الكيني الرئيس البيروفي على الدعوة لهذا الاجتماع، ولدولتي الكويت والإمارات على تجاوبهما.")
    assert [(m.actor_id, m.is_location) for m in doc.actor_mentions if m.actor_id == "KWT"] == [("KWT", False)]


def test_a_headline_speaker_before_a_colon_refuses_the_talks_he_rejects():
    talks = one_event("كينياتا: لا مفاوضات مع حركة الشباب", dt.date(2013, 10, 1), "meeting")
    assert talks.status.value == "rejected"
    assert roles(talks) == {"uhuru_kenyatta": "participant", "al_shabaab": "participant"}


def test_the_two_sides_are_those_of_the_talks_told_before():
    text = ("استضافت نيروبي محادثات بين الحكومة الصومالية وحركة الشباب. "
            "ولكن الطرفين عادا للمفاوضات الأحد بوساطة كينية.")
    first, again = events(text, dt.date(2009, 5, 16), "meeting")
    assert roles(again) == {"KEN": "mediator", "SOM-GOV": "participant", "al_shabaab": "participant"}


def test_the_two_sides_its_own_sentence_names_come_before_those_of_earlier_talks():
    text = ("التقى الرئيس الأرجنتيني نظيره التشيلي في سانتياغو. "
            "وتواصل أوسلو التقارب مع ستوكهولم، إذ عقد مسؤولون من البلدين مباحثات عسكرية هذا الأسبوع.")
    met, talks = events(text, dt.date(2027, 9, 14), "meeting")
    assert {a.country for a in talks.actors} == {"NOR", "SWE"}
    assert {a.country for a in met.actors} == {"ARG", "CHL"}


def test_two_men_signing_before_a_crowd_are_the_men_met_before_not_the_crowd():
    text = ("اجتمع الرئيس الكيني أوهورو كينياتا مع رئيس الوزراء الإثيوبي في نيروبي. "
            "ووقع الرجلان الاتفاق وتصافحا أمام حشد ضم رئيسي أوغندا والسودان.")
    met, signed = events(text, dt.date(2014, 3, 1), "meeting")
    assert set(roles(signed)) == set(roles(met)) and "UGA" not in roles(signed) and "SDN" not in roles(signed)


def test_a_with_phrase_after_a_truce_is_the_truces_side_not_the_talks():
    talks, truce = events("عقدت الحكومة الكولومبية محادثات مع الحكومة البيروفية بهدف وقف القتال مع الجيش الفنزويلي.",
                          dt.date(2016, 6, 1))
    assert roles(talks) == {"COL-GOV": "participant", "PER-GOV": "participant"}
    assert roles(truce).get("VEN-GOV") == "participant" and "PER-GOV" not in roles(truce)


def test_the_question_of_talks_is_no_talks():
    assert events("أبدى الطرفان استعدادا للنظر في مسألة الحوار بين الحكومة الكينية والمعارضة.",
                  dt.date(2008, 1, 10), "meeting") == []


def test_a_new_round_naming_no_one_is_between_the_sides_of_the_rounds_before():
    text = ("انتهت في كمبالا محادثات بين الحكومة الصومالية وحركة الشباب. "
            "ووعدت الحركة بإعطاء موقفها بعد جلسة مفاوضات جديدة يفترض أن تنطلق الأحد في نيروبي.")
    kampala, nairobi = events(text, dt.date(2009, 5, 14), "meeting")
    assert nairobi.location == "Nairobi"
    assert {"SOM-GOV", "al_shabaab"} <= set(roles(nairobi))


def test_what_is_discussed_is_no_party():
    talks = one_event("بحث الرئيس الكيني أوهورو كينياتا مع رئيس الوزراء الإثيوبي تشكيل الحكومة الصومالية.",
                      dt.date(2014, 3, 1), "meeting")
    assert "SOM-GOV" not in roles(talks) and roles(talks).get("uhuru_kenyatta") == "participant"


def test_one_countrys_politicians_meet_as_themselves():
    """A meeting inside one state names its people, not their government (Kenya 2008)."""
    text = "قال الرئيس الكيني مواي كيباكي بعد اجتماع مع رئيس الوزراء الكيني رايلا أودينغا إن الحكومة ستتشكل قريبا."
    talks = one_event(text, dt.date(2008, 4, 1), "meeting")
    assert "KEN-GOV" not in roles(talks)


def test_this_summit_is_the_visit_just_told_of():
    """"هذه القمة" names the event told before, though it names other parties."""
    text = ("قال الرئيس الكيني إنه يفكر في قبول دعوة الرئيس البيروفي لزيارة ليما. "
            "ومن المنتظر أن تكون هذه القمة الأولى بين زعيمي البلدين منذ عشر سنوات.")
    doc = run(text, dt.date(2009, 5, 16))
    visit, summit = [e for e in doc.events if e.event_type.value == "meeting"]
    assert summit.refers_back and not visit.refers_back
    from aleppo_events.stages.resolve import cluster_article

    assert len(cluster_article([visit, summit])) == 1


def test_a_plan_in_a_consequence_clause_proposes_nothing_of_the_talks():
    text = "وواجهت المفاوضات بين الحكومة الكينية والمعارضة عقبات، مما أفسد خطة المبعوث الأممي."
    talks = one_event(text, dt.date(2008, 1, 10), "meeting")
    assert "proposer" not in roles(talks).values()


def test_a_mediator_in_the_clause_describing_a_party_mediates_the_truce():
    truce = one_event("بدأ سريان اتفاق التهدئة بين الحكومة الكولومبية وفارك التي تسيطر على الجنوب بوساطة كوبية.",
                      dt.date(2016, 6, 23), "ceasefire")
    assert roles(truce) == {"COL-GOV": "participant", "farc": "participant", "CUB": "mediator"}


def test_mexico_city_by_its_short_arabic_name():
    talks = one_event("التقى وزير الخارجية الكندي الرئيس المكسيكي في مكسيكو.", dt.date(2009, 8, 10), "meeting")
    assert talks.location == "Mexico City"


def test_whose_visit_his_visit_is_and_the_state_it_goes_to():
    visit = one_event("وفي السياق، مدد المبعوث الأممي زيارته الحالية للعاصمة الكينية نيروبي.", dt.date(2008, 2, 1), "meeting")
    # the capital is the venue; its state receives the organisation's envoy
    assert roles(visit) == {"UN": "participant", "KEN": "host"} and visit.location == "Nairobi"
    visit = one_event("وبدأ الرئيس الكيني الثلاثاء زيارة إلى البرازيل.", dt.date(2008, 2, 1), "meeting")
    assert roles(visit) == {"KEN-GOV": "participant", "BRA": "host"}


def test_a_summit_that_brought_states_together_has_them_as_parties():
    summit = one_event("ردا على البيان الختامي لقمة مجموعة السبع التي جمعت الولايات المتحدة وكندا واليابان.",
                       dt.date(2018, 6, 10), "meeting")
    assert {"USA", "CAN", "JPN"} <= set(roles(summit))


def test_the_situation_discussed_is_no_venue():
    call = one_event("تباحث الرئيس الكيني هاتفيا مع نظيره الأوغندي الوضع في الصومال.", dt.date(2011, 10, 20), "meeting")
    assert call.location is None


def test_to_sponsor_what_is_no_event_mediates_nothing():
    assert events("وقالت الوزيرة إن الدولة لها سجل في الاغتيالات التي ترعاها أجهزتها.", dt.date(2011, 10, 20)) == []
    talks = one_event("توسطت كينيا بين الحكومة الصومالية وحركة الشباب.", dt.date(2011, 10, 20), "meeting")
    assert roles(talks)["KEN"] == "mediator"


def test_a_wish_to_meet_is_a_proposal():
    e = one_event("وقال الرئيس الكيني إنه يرغب في لقاء الرئيس الأوغندي قريبا.", dt.date(2011, 10, 20), "meeting")
    assert e.status.value == "proposed"


def test_an_event_no_mention_of_which_names_an_actor_or_a_place_is_dropped():
    assert events("وأشادت الصحف بأداء الفريقين والإثارة التي طبعت اللقاء.", dt.date(2014, 7, 14)) == []
    summit = one_event("وانتهت القمة في نيروبي دون بيان ختامي.", dt.date(2014, 7, 14), "meeting")
    assert summit.location == "Nairobi"  # a place alone says which event it is


def test_whom_a_visit_sets_out_to_persuade_is_met_and_the_arrival_noun_is_the_visit():
    text = ("انتقد مسؤولون محليون مبعوث الأمم المتحدة، مع وصوله إلى نيروبي، السبت. "
            "وتهدف زيارة المبعوث إلى إقناع حركة الشباب بتسليم المدينة.")
    arrival, visit = events(text, dt.date(2011, 10, 22), "meeting")
    assert arrival.location == "Nairobi" and roles(arrival) == {"UN": "participant", "KEN": "host"}
    assert roles(visit).get("al_shabaab") == "participant"
    assert events("وصلت القافلة إلى المدينة مع وصول الشاحنات إلى المعبر.", dt.date(2011, 10, 22)) == []


def test_a_verb_of_purpose_has_the_subject_of_the_verb_it_serves():
    text = ("وصل وفد من كينيا إلى أديس أبابا. "
            "وسيعود الوفد إلى نيروبي الثلاثاء، لينطلق أفراد من الوفد إلى الولايات المتحدة للتحاور مع واشنطن.")
    arrival, talks = events(text, dt.date(2009, 5, 18), "meeting")
    assert roles(talks) == {"KEN": "participant", "USA": "participant"} and talks.status.value == "planned"


def test_where_a_visitor_came_from_is_no_venue():
    assert events("وعثر على العميل وابنته التي كانت في زيارة من موسكو، في مدينة سالزبري البريطانية.",
                  dt.date(2018, 3, 5), "meeting") == []


def test_the_arrival_noun_needs_the_pronoun_of_who_arrives():
    assert events("وأعلنت الأمم المتحدة وصول المساعدات إلى نيروبي.", dt.date(2011, 10, 22), "meeting") == []


def test_a_visit_to_two_states_is_two_visits():
    first, second = events("الرئيس الكيني يزور أوغندا وتنزانيا لبحث التعاون.", dt.date(2009, 5, 18), "meeting")
    assert roles(first) == {"KEN-GOV": "participant", "UGA": "host"} and first.location == "Uganda"
    assert roles(second) == {"KEN-GOV": "participant", "TZA": "host"} and second.location == "Tanzania"
    assert first.event_id != second.event_id


def test_the_place_a_relative_clause_goes_to_and_a_planned_visits_date_ahead():
    visit = one_event("وكان الاتفاق قد وقع في نيروبي في تموز 2015 التي سيتوجه إليها الرئيس الأوغندي الأربعاء.",
                      dt.date(2018, 7, 3), "meeting")
    assert (visit.location, visit.status.value, visit.event_date) == ("Nairobi", "planned", dt.date(2018, 7, 4))


def test_a_visit_in_a_state_is_not_to_its_government_and_a_body_s_own_communications_are_none():
    visit = one_event("الوزير الكيني يزور لاعبا مصابا في البرازيل.", dt.date(2018, 5, 1), "meeting")
    assert "BRA" not in roles(visit) and visit.location == "Brazil"
    assert events("ونشرت الرئاسة الكينية توجيهات تمنع الإدارات من استخدام تطبيقات أجنبية في اتصالاتها الخارجية.",
                  dt.date(2018, 5, 1), "meeting") == []
    assert events("قال الوزير الكيني في حوار مع فرانس24 إن الوضع خطير.", dt.date(2018, 5, 1), "meeting") == []


def test_who_calls_off_a_summit_is_its_party_and_kana_qad_is_one_clause():
    e = one_event("وكان الرئيس الكيني قد أعلن الخميس إلغاء القمة التي كانت مقررة في نيروبي.", dt.date(2012, 5, 26), "meeting")
    assert e.status.value == "suspended" and roles(e) == {"KEN-GOV": "participant"}


def test_a_meeting_told_with_one_side_at_home_is_no_meeting():
    # an inspection, one body's session, patients received: nobody is met
    for text in ("زار الرئيس الكيني موقع بناء المستشفى الجديد في نيروبي.",
                 "وقال رئيس الوزراء الكيني خلال الاجتماع الأسبوعي للحكومة إن الأمن تحسن.",
                 "وتستقبل كينيا أول دفعة من الجرحى الصوماليين عبر المطار.",
                 "زار وزير الخارجية الفرنسي باريس."):
        assert events(text, dt.date(2015, 6, 10), "meeting") == [], text


def test_one_side_is_enough_for_talks_a_refusal_or_a_visit_abroad():
    talks = one_event("وأجرت الحكومة البيروفية محادثات مع المتمردين.", dt.date(2015, 6, 10), "meeting")
    assert roles(talks) == {"PER-GOV": "participant"}
    refusal = one_event("رفضت بيرو دعوة لحضور اجتماع حول الأزمة.", dt.date(2015, 6, 10), "meeting")
    assert roles(refusal) == {"PER": "rejecter"}
    # a city receives a visit of another state's people in its state's name
    visit = one_event("وصل رئيس الوزراء البيروفي إلى بوينس آيرس الخميس.", dt.date(2015, 6, 10), "meeting")
    assert roles(visit) == {"PER-GOV": "participant", "ARG": "host"} and visit.location == "Buenos Aires"
    # ... and one of an organisation's envoy, where the state is not contested
    envoy = one_event("وصل المبعوث الأممي إلى مقديشو الخميس.", dt.date(2015, 6, 10), "meeting")
    assert roles(envoy) == {"UN": "participant", "SOM": "host"}


def test_a_visit_goes_to_the_state_right_after_it_with_lam():
    e = one_event("بدأ الرئيس البيروفي زيارته الرسمية للأرجنتين.", dt.date(2015, 6, 10), "meeting")
    assert roles(e) == {"PER-GOV": "participant", "ARG": "host"} and e.location == "Argentina"
    # an envoy's title takes its own ل: "المبعوث الأممي لليمن" is not a visit to Yemen's state
    e = one_event("وتهدف زيارة المبعوث الأممي لليمن إلى إقناع الحوثيين.", dt.date(2015, 6, 10), "meeting")
    assert "YEM" not in roles(e) and roles(e)["houthis"] == "participant"


def test_a_state_is_a_place_by_its_actor_names():
    # CLDR names them المملكة المتحدة and الإمارات العربية المتحدة; the press writes بريطانيا, الإمارات
    e = one_event("زار الرئيس الكيني بريطانيا الخميس.", dt.date(2015, 6, 10), "meeting")
    assert e.location == "United Kingdom" and roles(e) == {"KEN-GOV": "participant", "GBR": "host"}
    e = one_event("وصل الرئيس الكيني إلى الإمارات الخميس.", dt.date(2015, 6, 10), "meeting")
    assert e.location == "United Arab Emirates" and roles(e)["ARE"] == "host"


def test_an_event_adjective_between_noun_and_party_nisbas():
    e = one_event("عقدت القمة الثلاثية الكينية الأوغندية التنزانية في نيروبي أمس.", dt.date(2015, 6, 10), "meeting")
    assert roles(e) == {"KEN": "participant", "UGA": "participant", "TZA": "participant"}


def test_a_bare_envoy_is_the_organisation_whose_envoy_was_named():
    found = events("انتقد مسؤولون محليون مبعوث الاتحاد الأفريقي لدى وصوله إلى مقديشو. "
                   "وتهدف زيارة المبعوث إلى إقناع حركة الشباب بالتفاوض.", dt.date(2012, 3, 4), "meeting")
    assert {"AU": "participant", "al_shabaab": "participant"} in [roles(e) for e in found]


def test_who_was_there_to_receive_a_guest_hosts_them():
    e = one_event("وكان في استقبال الرئيس الكيني في المطار، رئيس الوزراء الإثيوبي آبي أحمد.", dt.date(2019, 2, 3), "meeting")
    assert roles(e) == {"KEN-GOV": "participant", "abiy_ahmed": "host"}
    assert events("وشارك الآلاف في استقبال اللاعبين في المطار.", dt.date(2019, 2, 3)) == []


def test_an_event_set_beside_another_in_its_sentence_is_its_own():
    found = events("التقى الرئيس الكيني نظيره الأوغندي على هامش قمة الاتحاد الأفريقي في أديس أبابا.",
                   dt.date(2016, 1, 31), "meeting")
    assert sorted(map(roles, found), key=len) == [{"AU": "participant"}, {"KEN-GOV": "participant", "UGA-GOV": "participant"}]
    # the council's session (one body, nowhere) is none; the summit beside it keeps only its own parties
    e = one_event("وعقد مجلس الأمن اجتماعا تزامنا مع قمة بين إيران وروسيا وتركيا في طهران.", dt.date(2016, 1, 31), "meeting")
    assert roles(e) == {"IRN": "participant", "RUS": "participant", "TUR": "participant"} and e.location == "Tehran"


def test_a_match_between_national_teams_is_no_meeting():
    day = dt.date(2014, 6, 20)
    for text in ("وتلتقي الأرجنتين مع نيجيريا في المباراة الثالثة بالمجموعة السادسة.",
                 "انتهت مباراة القمة بين منتخبي كولومبيا واليابان بالتعادل.",
                 "يستضيف ملعب ريو مساء الثلاثاء مواجهة بين ألمانيا وغانا في كأس العالم."):
        assert events(text, day, "meeting") == [], text
    # a leader's meeting where the talk turns to football stays a meeting
    e = one_event("وقال بوتين لدى لقائه ميركل في موسكو إنه يهنئ اللاعبين الألمان على الفوز بكأس العالم.", day, "meeting")
    assert set(roles(e)) >= {"vladimir_putin", "angela_merkel"}


def test_an_interview_with_a_programme_or_an_outlet_a_few_words_on_is_no_meeting():
    day = dt.date(2013, 9, 9)
    for text in ("وقال الرئيس الكيني في حوار مع برنامج صباح الخير إن بلاده لا تريد الحرب.",
                 "وجاء ذلك في حوار للمبعوث الأممي مع بي بي سي في نيويورك."):
        assert events(text, day, "meeting") == [], text
    assert events("وجاء ذلك خلال لقاء الرئيس الكيني مع نظيره الأوغندي.", day, "meeting")


def test_a_visit_to_a_site_is_an_inspection_not_a_meeting():
    day = dt.date(2016, 4, 18)
    for text in ("قال المندوب إن روسيا قد تكون زارت موقع الهجوم في بلدة كينية.",
                 "قام قائد القوات الكينية بزيارة الوحدات العسكرية في الصومال.",
                 "والأحد، زار المبعوث الأممي مخيمات قرب كادوغلي."):
        assert events(text, day, "meeting") == [], text
    # a ministry's seat is whom one meets; a city abroad is its state's
    assert events("زار وزير الخارجية الكيني مقر وزارة الخارجية الأوغندية في كمبالا.", day, "meeting")
    assert events("زارت المستشارة الألمانية مدينة سوتشي الروسية.", day, "meeting")


def test_a_un_mission_in_a_capital_is_received_by_its_state_unless_the_state_is_contested():
    day = dt.date(2009, 11, 3)
    (visit,) = events("وزارت بعثة الأمم المتحدة العاصمة الكينية نيروبي الأسبوع الماضي.", day, "meeting")
    assert roles(visit) == {"UN": "participant", "KEN": "host"}
    text = "وزارت بعثة الأمم المتحدة مقديشو الأسبوع الماضي. وتسيطر حركة الشباب على أحياء من المدينة."
    (visit,) = events(text, day, "meeting")
    assert roles(visit) == {"UN": "participant"}  # who receives it there is said, or not


def test_a_journey_for_a_purpose_of_ones_own_is_no_meeting():
    day = dt.date(2006, 2, 11)
    for text in ("وكان قد انضم إلى الجماعة قبل أن يتوجه إلى العراق عام 2004 للانضمام لتنظيم القاعدة.",
                 "وسافر الرئيس الجزائري إلى سويسرا لتلقي العلاج.",
                 "وتوجه المهاجم إلى الصومال في العامين الماضيين للقتال مع حركة الشباب."):
        assert events(text, day, "meeting") == [], text
    # joining talks is taking part in them
    (joined,) = events("وتوجه الوفد الليبي إلى تونس للانضمام إلى المحادثات مع الوفد المصري.", day, "meeting")
    assert roles(joined)["LBY-GOV"] == "participant"


def test_liqaa_after_money_is_in_exchange_for():
    day = dt.date(2017, 6, 18)
    assert events("اتصل المستشار بمواطن كيني اقترح عليه مالا لقاء معلومات عن المرشحة.", day, "meeting") == []
    assert events("وعقد لقاء بين الرئيس الكيني ونظيره الأوغندي.", day, "meeting")


def test_one_countrys_politics_with_a_regions_government_names_the_persons():
    e = one_event("وكان في استقبال رئيس الوزراء العراقي حيدر العبادي في المطار، رئيس وزراء الإقليم نيجرفان بارزاني.",
                  dt.date(2018, 4, 26), "meeting")
    assert {"haider_al_abadi", "nechirvan_barzani"} <= set(roles(e))


def test_an_organ_of_an_international_organisation_acts_for_it_too():
    day = dt.date(2012, 3, 9)
    (session,) = events("وعقد مجلس الأمن الدولي اجتماعا طارئا مع وزير الخارجية البوليفي في نيويورك.", day, "meeting")
    assert roles(session) == {"UNSC": "participant", "UN": "participant", "BOL-GOV": "participant"}
    # ... without linking two of its sessions the organ alone would not link
    from aleppo_events.stages.resolve import party_keys

    assert "UN" not in party_keys(session) and "UNSC" in party_keys(session)
