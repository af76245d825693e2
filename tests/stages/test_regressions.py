"""Every case of tests/known_gaps.py, run as a regression test.

Cases fixed since the QA pass must stay fixed; the few still open are strict
xfails, so fixing one makes the suite say so (move it out of OPEN then).
"""


import pytest
from known_gaps import GAPS, check

OPEN = {
    "mediator-via-abr",  # a message sent through a mediator: no frame reads "وجه رسالة ل… عبر الوسيط"
}


@pytest.mark.parametrize(
    "gap",
    [pytest.param(g, id=g.gid, marks=[pytest.mark.xfail(strict=True)] if g.gid in OPEN else []) for g in GAPS],
)
def test_known_case(gap):
    check(gap)
