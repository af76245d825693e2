"""Dictionary additions from the actor-mention sample of issue 14, on sentences written for the test
(other countries, other years than the sampled articles)."""

import pytest

from helpers import actor_ids


@pytest.mark.parametrize(
    "text, actor_id",
    [
        ("استقبل رئيس الوزراء الكندي جاستن ترودو الرئيس المكسيكي في أوتاوا عام 2016.", "justin_trudeau"),
        ("وقال ترودو للصحافيين في مونتريال إن المحادثات مع الهند كانت مثمرة.", "justin_trudeau"),
        ("والتقى فارادكار رئيس المفوضية الأوروبية في دبلن عام 2019.", "leo_varadkar"),
        ("وبحث ستيف منوشين مع نظيره الصيني ملف الرسوم الجمركية في بكين عام 2019.", "steven_mnuchin"),
        ("وهدد زيهوفر بالاستقالة من الحكومة الألمانية في يوليو 2018.", "horst_seehofer"),
        ("وزار بيدرو بابلو كوتشينسكي تشيلي في عام 2017.", "pedro_pablo_kuczynski"),
        ("وزارت ميلانيا ترامب كينيا ومصر في أكتوبر 2018.", "melania_trump"),
        ("والتقى قائد القيادة المركزية جوزيف فوتيل وزير الدفاع الباكستاني عام 2017.", "joseph_votel"),
        ("ونقلت المفوضية العليا لشؤون اللاجئين لاجئين من ليبيا إلى النيجر عام 2019.", "UNHCR"),
        ("ودعا التكتل الأوروبي صربيا وكوسوفو إلى استئناف الحوار.", "EU"),
        ("وأصدرت اللجنة الرباعية العربية بيانا جديدا بشأن الأزمة مع الدوحة.", "ARAB_QUARTET"),
        ("وانتقد نواب التيار العوني الحكومة اللبنانية عام 2019.", "free_patriotic_movement"),
        ("وفاز مرشحو حزب الجمهورية إلى الأمام في الانتخابات التشريعية عام 2017.", "lrem"),
        ("ودعت الكونفدرالية العامة للعمل إلى إضراب في قطاع النقل عام 2019.", "cgt_france"),
        ("وخسر الاتحاد المسيحي الاجتماعي أغلبيته في برلمان بافاريا.", "csu_germany"),
        ("وتعهد الاتحاد المسيحي الديمقراطي بخفض الضرائب.", "cdu_germany"),
        ("وترشح رئيس حزب الغد للانتخابات البرلمانية في مصر عام 2020.", "ghad_party_egypt"),
        ("وعقد الاتحاد البرلماني الدولي جمعيته العامة في بلغراد عام 2019.", "IPU"),
        ("وأشادت هيئة الأمم المتحدة للمرأة بقانون جديد في تونس.", "UN_WOMEN"),
        ("واستقبل الرئيس الكوري الجنوبي مون جاي رئيس الوزراء الياباني في سيول عام 2019.", "moon_jae_in"),
    ],
)
def test_newsmakers_and_bodies_of_2018_news(text, actor_id):
    assert actor_id in actor_ids(text)


def test_ambiguous_surnames_are_not_names():
    # Fujimori: Alberto, Keiko and Kenji; Qasemi, Katz, Branson are shared by others
    for text in ("وقالت فوجيموري إن حزبها سيصوت ضد القانون.", "وأعلن برانسون إطلاق رحلة فضائية."):
        assert not {"alberto_fujimori", "andrew_brunson"} & set(actor_ids(text))
