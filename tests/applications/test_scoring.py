from decimal import Decimal

from applications import scoring


def test_weighted_score_is_a_percentage_of_the_top_score():
    # (5*2 + 2*1) / (3 * 5) = 12/15 = 80 %
    assert scoring.weighted_score([(5, Decimal(2)), (2, Decimal(1))], score_max=5) == Decimal("80.0")


def test_weights_change_the_result_and_rounding_is_half_up():
    assert scoring.weighted_score([(1, Decimal("1")), (2, Decimal("2"))], score_max=3) == Decimal("55.6")
    assert scoring.weighted_score([(0, Decimal("1"))], score_max=5) == Decimal("0.0")


def test_no_scores_is_no_score():
    assert scoring.weighted_score([], score_max=5) is None


def test_standing_gives_mean_and_spread():
    result = scoring.standing([Decimal("80.0"), Decimal("40.0"), None, Decimal("60.0")])
    assert result == scoring.Standing(mean=Decimal("60.0"), spread=Decimal("40.0"), reviews=3)
    assert scoring.standing([]) == scoring.Standing(mean=None, spread=None, reviews=0)


def test_rank_puts_the_best_first_and_unreviewed_last():
    rows = {"a": scoring.standing([Decimal(50)]), "b": scoring.standing([]), "c": scoring.standing([Decimal(90)])}
    assert scoring.rank(list(rows), key=rows.get) == ["c", "a", "b"]
