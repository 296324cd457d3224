"""Django's own messages that officials read under form fields and on the city view, in plain Vietnamese
(the project's locale/vi overrides Django's catalogue where it reads as a machine translation or lags behind)."""

from datetime import timedelta

from django import forms
from django.utils import timezone, translation
from django.utils.timesince import timesince


class _NumbersAndDates(forms.Form):
    households = forms.IntegerField(min_value=0)
    reached_on = forms.DateField()


def test_number_and_date_errors_read_as_plain_vietnamese():
    with translation.override("vi"):
        form = _NumbersAndDates({"households": "mười", "reached_on": "31/02/2024"})
        errors = form.errors.as_data()
        bad_number = str(errors["households"][0].messages[0])
        bad_date = str(errors["reached_on"][0].messages[0])

        negative = _NumbersAndDates({"households": "-3", "reached_on": "01/03/2024"})
        too_small = negative.errors["households"][0]

    assert bad_number == "Hãy nhập một số nguyên."
    assert bad_date == "Hãy nhập ngày hợp lệ, dạng dd/mm/yyyy."
    assert too_small == "Giá trị phải lớn hơn hoặc bằng 0."


def test_time_since_is_vietnamese():
    now = timezone.now()
    with translation.override("vi"):
        text = timesince(now - timedelta(hours=2, minutes=5), now)

    assert text == "2\xa0giờ, 5\xa0phút"
