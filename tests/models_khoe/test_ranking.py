"""Averaging and ranking: per bloc and field, quality first, ties, and the minimum number of evaluators."""

from datetime import date
from decimal import Decimal

from models_khoe import services
from models_khoe.models import Field, MobilizationModel
from models_khoe.services import RankedEntry, rank_entries
from tests.support.models_khoe import YEAR, full_points


def entry(name, average, met=True, evaluations=3, required=3):
    return RankedEntry(MobilizationModel(name=name), None if average is None else Decimal(average), evaluations,
                       required, met)


def ranks(entries):
    return [(e.model.name, e.rank) for e in rank_entries(entries)]


def test_higher_average_ranks_first():
    assert ranks([entry("B", "80"), entry("A", "92.5"), entry("C", "85")]) == [("A", 1), ("C", 2), ("B", 3)]


def test_at_the_same_score_a_model_that_missed_its_targets_ranks_below_one_that_met_them():
    result = ranks([entry("Đạt sau", "88", met=False), entry("Đạt", "88", met=True)])
    assert result == [("Đạt", 1), ("Đạt sau", 2)]


def test_a_missed_target_does_not_lift_a_lower_score():
    assert ranks([entry("Thấp", "70", met=True), entry("Cao", "90", met=False)]) == [("Cao", 1), ("Thấp", 2)]


def test_equal_score_and_equal_target_result_share_a_rank():
    entries = rank_entries([entry("An", "90"), entry("Bình", "90"), entry("Cường", "85"), entry("Dung", "90",
                                                                                               met=False)])
    assert [(e.model.name, e.rank, e.tied) for e in entries] == [
        ("An", 1, True), ("Bình", 1, True), ("Dung", 3, False), ("Cường", 4, False)]


def test_a_model_with_too_few_evaluators_is_listed_without_a_rank():
    entries = rank_entries([entry("Đủ", "60"), entry("Thiếu", "99", evaluations=2), entry("Chưa chấm", None,
                                                                                        evaluations=0)])
    assert [(e.model.name, e.rank) for e in entries] == [("Đủ", 1), ("Chưa chấm", None), ("Thiếu", None)]


def test_numbers_are_shown_as_officials_write_them():
    from core.numbers import number as plain_number

    assert [plain_number(Decimal(v)) for v in ("20.0", "10.5", "0.00", "85.10")] == ["20", "10,5", "0", "85,1"]


def test_averages_are_kept_to_two_decimals():
    assert services._average([Decimal("90"), Decimal("85.5"), Decimal("80")]) == Decimal("85.17")
    assert services._average([]) is None


def test_ranking_groups_by_bloc_and_field_with_scores_averaged(evaluated, approved, ward_a, evaluators_a, blocs_a):
    # Arrange: two economic models with the same average, one of which missed its target; one social model;
    # one economic model scored by only two evaluators.
    met = evaluated(name="Vận động hiến đất mở ngõ 15", share=Decimal("0.8"), value=Decimal("12"))
    missed = evaluated(name="Vận động hộ kinh doanh không lấn chiếm vỉa hè", share=Decimal("0.8"),
                       value=Decimal("9"))
    social = evaluated(name="Tủ sách cộng đồng", field=Field.CULTURE_SOCIETY, share=Decimal("0.7"))
    short = approved(name="Chợ văn minh")
    services.start(ward_a.users["officer_ubnd"], short)
    for user in evaluators_a[:2]:
        services.record_score(user, short, full_points(short.bloc))

    # Act
    groups = services.ranking(MobilizationModel.objects.restrict(ward_a.users["bloc"]).filter(year=YEAR))

    # Assert
    assert [(g.bloc, g.field_label) for g in groups] == [(blocs_a[1], "Kinh tế"), (blocs_a[1], "Văn hóa – xã hội")]
    economy = [(e.model.pk, e.rank, e.average, e.targets_met, e.evaluations) for e in groups[0].entries]
    assert economy == [
        (met.pk, 1, Decimal("80.00"), True, 3),
        (missed.pk, 2, Decimal("80.00"), False, 3),
        (short.pk, None, Decimal("100.00"), False, 2),
    ]
    assert [(e.model.pk, e.rank) for e in groups[1].entries] == [(social.pk, 1)]


def test_a_model_without_any_measured_value_has_not_met_its_targets(approved, ward_a):
    model = approved()
    assert not services.targets_met(services.indicator_results(model))
    services.record_indicator_value(ward_a.users["officer_ubnd"], model.indicators.get(), value=Decimal("12"),
                                    measured_on=date(YEAR, 9, 1))
    assert services.targets_met(services.indicator_results(model))


def test_the_ranking_of_another_ward_is_not_visible(evaluated, ward_b):
    evaluated()
    assert services.ranking(MobilizationModel.objects.restrict(ward_b.users["bloc"])) == []


def test_the_proposal_suggests_the_first_of_each_group_that_met_its_targets(evaluated, ward_a):
    first = evaluated(name="Nhất", share=Decimal("0.9"))
    second = evaluated(name="Nhì", share=Decimal("0.8"))
    recognitions = [services.recognise(ward_a.users["bloc"], m, achievement="Tốt.") for m in (first, second)]
    assert [r.rank for r in recognitions] == [1, 2]
    assert services.suggested_proposals(recognitions) == [recognitions[0]]


def test_evaluators_are_reminded_once_a_week_of_what_they_still_have_to_score(approved, ward_a, evaluators_a):
    from core.models import Notification
    from models_khoe.tasks import send_evaluator_reminders

    model = approved()
    services.start(ward_a.users["officer_ubnd"], model)
    services.record_score(evaluators_a[0], model, full_points(model.bloc))

    assert send_evaluator_reminders.delay().get() == 2
    assert send_evaluator_reminders.delay().get() == 0
    reminded = set(Notification.objects.filter(title__contains="cần chấm điểm").values_list("recipient", flat=True))
    assert reminded == {evaluators_a[1].pk, evaluators_a[2].pk}
