import datetime

import pytest

from archive.ingest.dates import DatePrecision, format_partial_date, parse_partial_date


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("2017", datetime.date(2017, 1, 1), DatePrecision.YEAR),
        ("2017-03", datetime.date(2017, 3, 1), DatePrecision.MONTH),
        ("2017-03-15", datetime.date(2017, 3, 15), DatePrecision.DAY),
    ],
)
def test_partial_dates_round_trip_at_their_precision(text, date, precision):
    assert parse_partial_date(text) == (date, precision)
    assert format_partial_date(date, precision) == text


@pytest.mark.parametrize("text", ["17", "2017-13", "2017-02-30", "March 2017", ""])
def test_impossible_or_vague_dates_are_refused_with_a_reason(text):
    with pytest.raises(ValueError, match="date"):
        parse_partial_date(text)
