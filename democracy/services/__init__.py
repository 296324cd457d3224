"""Domain rules of grassroots democracy: working days and legal deadlines, the posting period and approval of
disclosures, the yearly checklist and the quarterly list, the law's yearly minimums, petitions (deadlines,
who may see the sender, opening a cadre feedback record) and the violations workbook.

Views, the API, the demo loader and the reports call these; none of them re-implements a rule."""

# The calendar is part of this package's API.
from ..models import FIXED_HOLIDAYS, add_working_days, is_working_day, legal_due_date  # noqa: F401
from .checklist import (  # noqa: F401
    DEFAULT_CHECKLIST,
    ChecklistPeriod,
    ChecklistRow,
    ChecklistState,
    Minimum,
    WeekCheck,
    _period_state,
    _reference_date,
    default_checklist,
    disclosure_checklist,
    ensure_default_checklist,
    quarterly_list,
    quarterly_workbook,
    reception_weeks,
    requirements_for,
    yearly_minimums,
)
from .disclosures import (  # noqa: F401
    DISCLOSURE_WORKING_DAYS,
    DisclosureStatus,
    annotate_disclosures,
    approve_disclosure,
    chairman_candidates,
    counts_as_posted,
    days_posted,
    disclosure_deadline,
    disclosure_status,
    effective_start,
    is_late,
    is_permanent,
    required_days,
)
from .petitions import (  # noqa: F401
    PETITION_REMINDER_DAYS,
    PetitionStatus,
    answered_late,
    mask_protected,
    open_cadre_feedback,
    overdue_petitions,
    petition_is_overdue,
    remind_petitions,
)
from .sections import SECTION, area_figures  # noqa: F401
from .violations import VIOLATION_COLUMNS, violations_workbook  # noqa: F401
