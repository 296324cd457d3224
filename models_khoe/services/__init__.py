"""Rules of the "Dân vận khéo" movement: who may move a model along its path, and how it is ranked.

Every transition is one function here: it checks who is asking, refuses with a Vietnamese reason
(``PermissionDenied`` for the wrong person, ``ValidationError`` for the wrong state or data) and records what
happened. Views, the API and the demo loader call these; none of them changes a status on its own.

Path: registered (chờ thẩm định) ⇄ returned (trả lại) → approved → in progress → evaluated → recognised
→ replicated."""

from .blocs import assign_evaluator, ensure_default_blocs, max_total, remove_evaluator, rubric_locked, suggested_bloc  # noqa: F401
from .common import (  # noqa: F401
    DEFAULT_BLOCS,
    DEFAULT_CRITERIA,
    INDICATOR_FIELDS,
    REGISTRATION_FIELDS,
    TWO_PLACES,
    _refuse,
    ward_label,
)
from .evaluation import (  # noqa: F401
    RANKED_STATUSES,
    EvaluationSummary,
    RankedEntry,
    RankingGroup,
    _average,
    entry_for,
    evaluation_summary,
    rank_entries,
    ranking,
    record_score,
    refresh_evaluation_status,
    remind_evaluators,
    todo_for,
)
from .progress import (  # noqa: F401
    ChannelSpread,
    IndicatorResult,
    Spread,
    _check_not_future,
    _check_report,
    _spread,
    _sync_task,
    attach_evidence,
    indicator_results,
    latest_values,
    record_activity,
    record_indicator_value,
    record_publicity,
    spread_for,
    spread_of,
    start,
    targets_met,
)
from .public import is_public_photo, public_covers, public_models, public_photos  # noqa: F401
from .recognition import (  # noqa: F401
    recognise,
    record_replication,
    round_default_date,
    round_for,
    schedule_ceremony,
    set_proposal,
    suggested_proposals,
)
from .registration import (  # noqa: F401
    _assign_task,
    _bloc_units,
    _display,
    _record_version,
    _save_indicators,
    approve,
    check_indicators,
    check_name,
    plan_area_for,
    register,
    return_for_revision,
    revise,
    snapshot,
    version_changes,
)
from .sections import SECTION, area_figures, spread_rows  # noqa: F401
