"""Working days and the legal deadlines a petition gets by default: read by the model when it fills its due date,
by the forms, the API and the services."""

from datetime import timedelta

from django.conf import settings

from .choices import PetitionKind

# Fixed solar public holidays (Labour Code 2019 art. 112). The lunar ones (Tết, Hùng Kings) move every year:
# list them in settings.DANVAN_PUBLIC_HOLIDAYS ("2025-01-28", …) when the deployment wants them counted.
FIXED_HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 2))


def is_working_day(day):
    if day.weekday() >= 5 or (day.month, day.day) in FIXED_HOLIDAYS:
        return False
    extra = getattr(settings, "DANVAN_PUBLIC_HOLIDAYS", ())
    return day.isoformat() not in extra


def add_working_days(start, days):
    """The date ``days`` working days after ``start`` (start itself not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def legal_due_date(kind, received_on):
    """The answer deadline a petition gets by default (editable on the record).

    Complaints: accepted within 10 days, settled within 30 days of acceptance (Law on Complaints 2011, art. 27,
    28). Denunciations: accepted within 7 working days, settled within 30 days (Law on Denunciation 2018, art. 24,
    30). Recommendations and feedback: answered within 10 working days (Law on Citizen Reception 2013, art. 28).
    """
    if kind == PetitionKind.COMPLAINT:
        return received_on + timedelta(days=10 + 30)
    if kind == PetitionKind.DENUNCIATION:
        return add_working_days(received_on, 7) + timedelta(days=30)
    return add_working_days(received_on, 10)
