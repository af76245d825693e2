"""Every case of tests/known_gaps.py, run as a regression test.

Cases fixed since the QA pass must stay fixed; the few still open are strict
xfails, so fixing one makes the suite say so (move it out of OPEN then).
"""


import pytest
from known_gaps import GAPS, check

OPEN = {
    "capital-before-host-verb",  # bare فتح after "حماس و" is not read as Fatah
    "revive-talks-subjects",  # subjects of "تعمل … على إحياء المفاوضات" are dropped with the anaphoric noun
}


@pytest.mark.parametrize(
    "gap",
    [pytest.param(g, id=g.gid, marks=[pytest.mark.xfail(strict=True)] if g.gid in OPEN else []) for g in GAPS],
)
def test_known_case(gap):
    check(gap)
