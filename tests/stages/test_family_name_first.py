"""Korean and Chinese names put the family name first: a later كيم is the Kim the article named (issue 14)."""

from helpers import mentions


def test_korean_family_name_is_the_surname():
    text = "وصل الزعيم الكوري الشمالي كيم جونغ أون إلى هانوي عام 2019، وقال كيم إنه متفائل بالمحادثات."
    assert mentions(text).count(("kim_jong_un", "كيم")) == 1


def test_a_family_name_shared_by_two_people_names_neither():
    text = "ورافق كيم جونغ أون شقيقته كيم يو جونغ إلى القمة عام 2018، وقال كيم إن الزيارة ناجحة."
    assert ("kim_jong_un", "كيم") not in mentions(text) and ("kim_yo_jong", "كيم") not in mentions(text)


def test_a_western_name_keeps_its_last_word():
    text = "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الهندي عام 2019، وقال لافروف إن المحادثات بناءة."
    assert ("sergei_lavrov", "لافروف") in mentions(text)
