"""The steroid curve walked run by run (steroids._steady_runs) gives what a day-by-day walk gives."""
import random

from casecourse.model import Exposure, TimeRef
from casecourse.rules.steroids import INF, Piece, _steady_runs, dose_on, dose_over, doses_on


def _pieces(rng: random.Random) -> list[Piece]:
    out = []
    exposures = [Exposure.model_construct(id=f"exposure-{i}", drug="prednisone", time=TimeRef()) for i in range(3)]
    for _ in range(rng.randint(1, 6)):
        s0 = rng.choice([rng.randint(0, 60), rng.uniform(0, 60)])
        start = None if rng.random() < 0.1 else (s0, s0 + rng.choice([0, rng.randint(0, 30), rng.uniform(0, 30)]))
        e0 = s0 + rng.uniform(0, 80)
        end = None if rng.random() < 0.3 else (e0, e0 + rng.choice([0, rng.uniform(0, 20)]))
        lo = rng.choice([2.5, 5.0, 7.5, 10.0, 40.0])
        pred = None if rng.random() < 0.2 else (lo, lo * rng.choice([1, 2]))
        length = rng.choice([None, None, 3.0])
        out.append(Piece(rng.choice(exposures), "prednisone", start, end, pred, "", length))
    return out


def test_runs_give_the_daily_walk():
    rng = random.Random(7)
    for _ in range(400):
        ps = _pieces(rng)
        first, stop = rng.randint(-5, 20), rng.randint(-5, 150)
        runs = _steady_runs(ps, first, stop)
        days = [d for a, b in runs for d in range(a, b)]
        assert days == list(range(first, stop))
        for a, b in runs:
            assert all(dose_on(ps, d) == dose_on(ps, a) for d in range(a, b))
            sub = ps[::2]
            assert all(dose_on(sub, d) == dose_on(sub, a) for d in range(a, b))


def test_dose_over_is_the_daily_range():
    rng = random.Random(11)
    for _ in range(200):
        ps = _pieces(rng)
        lo = rng.uniform(-5, 90)
        span = (lo, lo + rng.uniform(0, 40))
        vals = [dose_on(ps, d) for d in range(int(span[0]), int(span[1]) + 1)]
        hi = max(v[1] for v in vals)
        assert dose_over(ps, span) == {"min": min(v[0] for v in vals), "max": None if hi == INF else hi}


def test_the_sweep_over_days_gives_each_day_s_dose():
    # doses_on reads on each day only the pieces that may be taken then; the same sums as dose_on of all of them
    rng = random.Random(13)
    for _ in range(300):
        ps = _pieces(rng) + _pieces(rng)
        days = sorted(rng.randint(-10, 170) for _ in range(rng.randint(1, 30)))
        assert doses_on(ps, days) == [dose_on(ps, d) for d in days]


def test_a_high_dose_told_at_its_start_and_the_drug_named_later_without_a_dose_is_a_range() -> None:
    """'prednisolone 2 mg/kg/day ... at the last follow-up he was on low-dose prednisolone': not years at 52 mg."""
    from casecourse.api import analyze_text

    c = analyze_text("Case presentation\nA 9-year-old boy weighing 26 kg was diagnosed with lupus nephritis on 3 May "
                     "2019 and started on oral prednisolone 2 mg/kg/day. At the last follow-up in June 2023, he was "
                     "well on low-dose prednisolone.")
    a = next(a for a in c.assessments if a.rule == "steroid_exposure")
    cum = a.data["cumulative_mg"]
    assert cum["max"] is not None and cum["min"] < cum["max"] / 10
