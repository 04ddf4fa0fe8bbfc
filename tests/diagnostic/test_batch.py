"""A cohort's survey export: every way a file can be written or go wrong, and the results written.

Each bad file gets one clear message naming the row and the column, and nothing else in it is lost.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from stage_diagnostic import Model, batch, json_api, load_model, spreadsheet
from stage_diagnostic.batch import BatchFileError, BatchRun, Limits, read_table
from stage_diagnostic.survey import role_names, survey_header

from .helpers import compiled_model_text

TODAY = date(2026, 12, 1)


def csv_bytes(rows: list[list[str]], separator: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def form_export(model: Model, answers: list[dict[str, str]], **extra: list[str]) -> bytes:
    """A form tool's export: question texts as headers, labels as answers, a BOM."""
    questions = model.questions
    header = [*extra, *(q.text for q in questions)]
    rows = [header]
    for index, chosen in enumerate(answers):
        labels = [
            next(o.label for o in q.options if o.id == chosen[q.id]) if q.id in chosen else ""
            for q in questions
        ]
        rows.append([values[index] for values in extra.values()] + labels)
    return b"\xef\xbb\xbf" + csv_bytes(rows)


def problems(result: dict[str, Any]) -> list[str]:
    return [problem["message"] for problem in result["problems"]]


def diagnosed(model: Model, data: bytes, **options: Any) -> list[dict[str, Any]]:
    table = read_table(model, data, **options)
    assert not table.blocking, table.blocking
    return BatchRun(model, table, TODAY).run()


# -- reading ---------------------------------------------------------------------------------------


def test_a_form_tools_export_maps_without_editing(real_model: Model) -> None:
    answers = [{"time-together": "one-to-three-months", "goals": "working-them-out"},
               {"time-together": "two-to-five-years", "feelings": "grateful"}]
    data = form_export(real_model, answers, Timestamp=["2026/03/05 10:22:33 AM GMT+1",
                                                       "2026/04/01 09:00:00"],
                       Pair=["north-1", "north-2"])
    table = read_table(real_model, data)
    summary = table.summary(real_model)
    assert summary["missing"] == [] and summary["blocking"] == []
    assert not summary["needs_matching"]
    assert [c["target"] for c in summary["columns"][:3]] == ["date", "pair",
                                                             "question:time-together"]
    assert [row.answers for row in table.rows] == answers
    assert [row.date for row in table.rows] == [date(2026, 3, 5), date(2026, 4, 1)]
    assert table.rows[0].number == 2  # as the spreadsheet numbers it: the header is row 1


def test_headers_by_id_answers_by_id_and_loose_spelling(real_model: Model) -> None:
    data = csv_bytes([
        ["pair id", "TIME_TOGETHER", "3. How often do you meet", "“Goals”", "Description"],
        ["x", "one-to-three-months", "  every WEEK or more ", "Not yet", "We met twice."],
    ])
    (row,) = read_table(real_model, data).rows
    assert row.pair == "x" and row.text == "We met twice."
    assert row.answers == {"time-together": "one-to-three-months",
                           "meeting-frequency": "weekly", "goals": "not-yet"}


def test_excel_encodings_and_separators(real_model: Model) -> None:
    rows = [["Pair", "goals", "Description"], ["Zoë;1", "Not yet", "On se voit à l'école"]]
    for data, encoding in [
        (b"\xef\xbb\xbf" + csv_bytes(rows, ";"), "utf-8"),
        (csv_bytes(rows, ";", "cp1252"), "cp1252"),
        (csv_bytes(rows, "\t", "utf-16"), "utf-16"),
        (b"sep=;\r\n" + csv_bytes(rows, ";"), "utf-8"),
    ]:
        table = read_table(real_model, data)
        assert table.encoding == encoding
        (row,) = table.rows
        assert (row.pair, row.text) == ("Zoë;1", "On se voit à l'école"), encoding
        assert row.answers == {"goals": "not-yet"}
    notices = read_table(real_model, csv_bytes(rows, ";", "cp1252")).notices
    assert notices[0].message == "The file was read as Windows-1252 text (it is not UTF-8)."


def test_a_header_with_a_comma_in_a_semicolon_file(real_model: Model) -> None:
    header = "Pair;When the mentee needs the mentor, can they get time together?"
    (row,) = read_table(real_model, f"{header}\nA;Easily\n".encode()).rows
    assert row.answers == {"mentor-availability": "easily"}


def test_empty_rows_are_skipped_and_rows_keep_the_spreadsheets_numbers(real_model: Model) -> None:
    data = b"\r\n,,\r\nPair,goals\r\n\r\nA,Not yet\r\n , \r\n,\r\nB,Not yet\r\n\r\n"
    table = read_table(real_model, data)
    assert [(row.number, row.pair) for row in table.rows] == [(5, "A"), (8, "B")]
    assert any("Empty rows skipped: 4" in notice.message for notice in table.notices)


def test_unknown_answers_are_listed_row_by_row_and_the_rest_diagnosed(real_model: Model) -> None:
    data = csv_bytes([
        ["Pair", "How long have you been working together?", "How often do you meet?"],
        ["A", "One to three months", "Fortnightly"],
        ["B", "Forever", "Every week or more"],
    ])
    first, second = diagnosed(real_model, data)
    assert problems(first) == [
        "Row 2, column C (“How often do you meet?”): “Fortnightly” is not one of this "
        "question's answers (“We have not settled into a rhythm yet”, “Every week or more”, "
        "“Every two weeks to once a month”, “Every few months”, “Once or twice a year, to touch "
        "base”); the rest of the row was diagnosed."
    ]
    assert problems(second)[0].startswith("Row 3, column B (“How long have you been working "
                                          "together?”): “Forever” is not one")
    assert first["frameworks"]["kram"]["stage"] == "initiation"  # from the answer it knew
    assert second["answers"] == {"meeting-frequency": "weekly"}


def test_missing_columns_block_the_file_naming_the_header_row(real_model: Model) -> None:
    table = read_table(real_model, csv_bytes([["", "Name", "Mood"], ["", "A", "good"]]))
    (problem,) = table.blocking
    assert problem.message == (
        "No column matches a question or the description. The header row (row 1) reads: "
        "B “Name”, C “Mood”. Match the columns to the questions, or start from the survey's "
        "header."
    )
    assert table.summary(real_model)["needs_matching"]


def test_duplicated_columns_block_the_file_naming_both(real_model: Model) -> None:
    data = csv_bytes([["goals", "Pair", "Have you agreed what the mentee wants to achieve?"],
                      ["Not yet", "A", "Not yet"]])
    (problem,) = read_table(real_model, data).blocking
    assert problem.column == "C"
    assert problem.message == (
        "Columns A (“goals”) and C (“Have you agreed what the mentee wants to achieve?”) both "
        "give “Have you agreed what the mentee wants to achieve?”; leave one of them out."
    )


def test_the_coordinators_matches_settle_unmatched_and_duplicated_columns(
    real_model: Model,
) -> None:
    data = csv_bytes([["Team", "Our goals?", "goals", "Timestamp", "Submitted"],
                      ["A", "Not yet", "Not yet", "2026-01-02", "2026-01-03"]])
    table = read_table(real_model, data)
    assert len(table.blocking) == 1 and table.summary(real_model)["needs_matching"]
    matches = {"team": "pair", "our goals": "question:goals", "goals": "ignore",
               "submitted": "ignore"}
    table = read_table(real_model, data, matches)
    assert not table.blocking
    (row,) = table.rows
    assert (row.pair, row.answers, row.date) == ("A", {"goals": "not-yet"}, date(2026, 1, 2))
    assert [c.by for c in table.columns] == ["chosen", "chosen", "chosen", "name", "chosen"]
    wrong = read_table(real_model, data, {"team": "question:nope"})
    assert "Column A: there is no question:nope to match it to." in [
        p.message for p in wrong.blocking
    ]


def test_unmatched_columns_ask_only_when_questions_are_missing(real_model: Model) -> None:
    complete = form_export(real_model, [{"goals": "not-yet"}], Email=["a@b.c"])
    assert not read_table(real_model, complete).summary(real_model)["needs_matching"]
    renamed = csv_bytes([["Email", "Goals agreed?", "How often do you meet?"],
                         ["a@b.c", "Not yet", "Every week or more"]])
    table = read_table(real_model, renamed)
    assert not table.blocking and table.summary(real_model)["needs_matching"]
    chosen = read_table(real_model, renamed, {"email": "ignore", "goals agreed": "ignore"})
    assert not chosen.summary(real_model)["needs_matching"]  # asked once: answered


def test_text_that_is_neither_utf8_nor_windows_1252(real_model: Model) -> None:
    with pytest.raises(BatchFileError) as caught:
        read_table(real_model, b"Pair,goals\r\nA,Not yet\r\nB,\x81\x81\r\n")
    assert str(caught.value) == (
        "Line 3: the file is neither UTF-8 nor Windows-1252 text (byte 0x81 cannot be read in "
        "either). Save it from your spreadsheet as CSV UTF-8."
    )


def test_a_quote_left_open_names_the_row_and_line(real_model: Model) -> None:
    with pytest.raises(BatchFileError) as caught:
        read_table(real_model, b'Pair,goals\r\nA,Not yet\r\nB,"Not yet\r\nC,Not yet\r\n')
    assert str(caught.value).startswith("Row 3 (line 3): the file cannot be read as CSV:")


EMPTY = "The file is empty: it has no header row and no rows of answers."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", EMPTY),
        (b"\r\n ,\r\n", EMPTY),
        (b"Pair,goals\r\n\r\n", "The file has a header row (row 1) but no rows of answers below "
                                "it."),
    ],
)
def test_files_with_nothing_to_diagnose(real_model: Model, data: bytes, expected: str) -> None:
    with pytest.raises(BatchFileError) as caught:
        read_table(real_model, data)
    assert str(caught.value) == expected


def test_the_pages_limits_are_stated_in_the_message(real_model: Model) -> None:
    data = csv_bytes([["Pair", "goals"], *[[str(i), "Not yet"] for i in range(30)]])
    with pytest.raises(BatchFileError) as caught:
        read_table(real_model, data, limits=Limits(max_bytes=100))
    assert str(caught.value).startswith("The file is 0 MB; this page reads files of up to 0 MB.")
    with pytest.raises(BatchFileError) as caught:
        read_table(real_model, data, limits=Limits(max_rows=20))
    assert "more than 20 rows of answers; this page reads up to 20" in str(caught.value)
    assert len(read_table(real_model, data, limits=Limits(max_rows=30)).rows) == 30
    assert batch.PAGE_LIMITS.max_rows and batch.PAGE_LIMITS.max_bytes


def test_rows_longer_or_shorter_than_the_header(real_model: Model) -> None:
    data = b"Pair,goals,Description\r\nA,Not yet\r\nB,Not yet,,extra\r\nC,Not yet,,\r\n"
    a, b, c = (problems(r) for r in diagnosed(real_model, data))
    assert a == ["Row 2 has 2 cells where the header has 3; the missing ones were read as empty."]
    assert b == ["Row 3 has 4 cells where the header has 3; the cells after column C were left "
                 "out."]
    assert c == []  # an empty cell past the header is no loss


def test_dates_day_or_month_first_settled_by_the_column(real_model: Model) -> None:
    def dates(cells: list[str], **options: Any) -> list[date | None]:
        data = csv_bytes([["Pair", "Date", "goals"], *[["A", d, "Not yet"] for d in cells]])
        return [row.date for row in read_table(real_model, data, **options).rows]

    assert dates(["03/05/2026", "25/12/2026"]) == [date(2026, 5, 3), date(2026, 12, 25)]
    assert dates(["03/05/2026", "12/25/2026"]) == [date(2026, 3, 5), date(2026, 12, 25)]
    assert dates(["3/5/26 10:22", "5.3.2026"], date_order="mdy") == [
        date(2026, 3, 5), date(2026, 3, 5)]
    assert dates(["2026-03-05T10:00:00Z", "2026/3/5"]) == [date(2026, 3, 5)] * 2
    data = csv_bytes([["Pair", "Date", "goals"], ["A", "03/05/2026", "Not yet"]])
    notices = [n.message for n in read_table(real_model, data).notices]
    assert ("Dates such as 03/05/2026 could be day first or month first; they were read day "
            "first. Write dates as YYYY-MM-DD to be sure.") in notices


def test_an_unreadable_date_is_a_problem_and_the_row_is_diagnosed(real_model: Model) -> None:
    data = csv_bytes([["Pair", "Date", "goals"], ["A", "next Tuesday", "Not yet"]])
    (result,) = diagnosed(real_model, data)
    assert problems(result) == ["Row 2, column B (“Date”): “next Tuesday” is not a date (write "
                                "it as YYYY-MM-DD); the row was diagnosed without it."]
    assert result["date"] is None and result["position"] is not None


def test_a_long_description_is_cut_and_said_so(real_model: Model) -> None:
    text = "We meet every week and work on goals. " * 200
    data = csv_bytes([["Description"], [text]])
    (result,) = diagnosed(real_model, data)
    (said,) = problems(result)
    assert said == f"Row 2, column A (“Description”): the description is {len(text.strip())} "\
                   "characters long; its first 4000 were read."
    assert result["frameworks"]["clutterbuck"]["stage"] is not None


def test_a_row_with_nothing_to_go_on(real_model: Model) -> None:
    (result,) = diagnosed(real_model, csv_bytes([["Pair", "goals"], ["A", "Maybe"]]))
    assert problems(result)[-1] == "Row 2: no answer and no description to go on, so no stage."
    assert result["position"] is None
    assert all(f["stage"] is None for f in result["frameworks"].values())


# -- what a result keeps, and pairs over time ------------------------------------------------------


def test_a_rows_date_is_its_today(real_model: Model) -> None:
    said = "We have been meeting since March 2026."
    data = csv_bytes([["Date", "Description"], ["2026-04-01", said], ["2027-04-01", said]])
    soon, later = diagnosed(real_model, data)
    assert soon["position"]["mean"] < later["position"]["mean"]


def test_format_2_flags_carry_the_answers_that_raised_them(real_model: Model) -> None:
    data = csv_bytes([["Pair", "Do meetings get missed or put off?"],
                      ["A", "Often, and it is hard to see why"]])
    (result,) = diagnosed(real_model, data)
    assert result["flags"] == [{"id": "stalled", "status": "raised", "evidence": [
        {"question": "missed-meetings", "option": "often", "quote": None}]}]


def test_format_3_flags_are_taken_as_they_come(real_model: Model) -> None:
    evidence = [{"question": "feelings", "option": "stuck", "from": "text", "quote": "stuck",
                 "start": 3, "end": 8}]
    result = {
        "format": 3, "answers": {}, "position": None, "evidence": [], "frameworks": {},
        "flags": [{"id": "stalled", "status": "confirm", "evidence": evidence}],
    }
    summary = batch.result_summary(real_model, result)
    assert summary["flags"] == [{"id": "stalled", "status": "confirm", "evidence": [
        {"question": "feelings", "option": "stuck", "quote": "stuck"}]}]


def test_pairs_paths_and_how_long_they_have_not_moved() -> None:
    def row(number: int, pair: str, day: str | None, mean: float | None) -> dict[str, Any]:
        return {"row": number, "pair": pair, "date": day,
                "position": None if mean is None else {"mean": mean}}

    rows = [
        row(2, "A", "2026-01-01", 10.0), row(3, "A", "2026-03-01", 30.0),
        row(4, "A", "2026-06-01", 33.0), row(5, "A", "2026-02-01", 20.0),
        row(6, "B", "2026-01-01", 40.0), row(7, "B", None, 90.0),  # undated: no point
        row(8, "C", "2026-01-01", 50.0), row(9, "C", "2026-01-31", 50.0),
        row(10, "", "2026-01-01", 5.0), row(11, "", "2026-02-01", 5.0),  # no pair
        row(12, "D", "2026-01-01", None), row(13, "D", "2026-05-01", 60.0),
    ]
    paths = batch.pair_paths(rows)
    assert [p["pair"] for p in paths] == ["A", "C"]
    a, c = paths
    assert [point["row"] for point in a["points"]] == [2, 5, 3, 4]
    assert a["moved"] == 23.0 and a["still_days"] == 92  # since 1 March: 30 and 33 are close
    assert a["still_since"] == "2026-03-01"
    assert c["still_days"] == 30 and c["moved"] == 0.0


def test_the_programmes_framework_else_clutterbuck_else_the_first(
    real_model: Model, fixture_model: Model
) -> None:
    assert batch.headline_framework(real_model, "kram") == "kram"
    assert batch.headline_framework(real_model, None) == "clutterbuck"
    assert batch.headline_framework(real_model, "nope") == "clutterbuck"
    assert batch.headline_framework(fixture_model, None) == fixture_model.frameworks[0].id


# -- writing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_read_as_formulas_are_neutralised(start: str) -> None:
    hostile = f"{start}HYPERLINK(\"http://x\";\"y\")"
    assert spreadsheet.safe_cell(hostile) == "'" + hostile
    (row,) = csv.reader(io.StringIO(spreadsheet.csv_text([[hostile, 1]]).removeprefix("\ufeff")))
    assert row == ["'" + hostile, "1"]
    assert spreadsheet.safe_cell("Rapport-building") == "Rapport-building"


def test_a_hostile_pair_name_reaches_the_results_as_text(real_model: Model) -> None:
    data = csv_bytes([["Pair", "goals"], ["=1+2", "Not yet"], ["@SUM(A1)", "Not yet"]])
    written = batch.results_csv(real_model, diagnosed(real_model, data), None)
    _, first, second = csv.reader(io.StringIO(written.removeprefix("\ufeff")))
    assert (first[1], second[1]) == ("'=1+2", "'@SUM(A1)")


def test_results_csv_in_the_models_words(real_model: Model) -> None:
    data = csv_bytes([["Pair", "Date", "Do meetings get missed or put off?", "goals"],
                      ["A", "2026-03-01", "Often, and it is hard to see why", "Not yet"]])
    written = batch.results_csv(real_model, diagnosed(real_model, data), "kram")
    assert written.startswith("\ufeffRow,Pair,Date,Framework,Stage,Level,")
    header, row = list(csv.reader(io.StringIO(written.removeprefix("\ufeff"))))
    cells = dict(zip(header, row, strict=True))
    assert cells["Framework"] == "Kram's four phases" and cells["Stage"] == "Initiation"
    assert cells["The relationship may have stalled"] == (
        "Do meetings get missed or put off? Often, and it is hard to see why")
    assert cells["Clutterbuck's five phases"] and cells["Problems"] == ""
    assert "\r\n" in written


def test_results_json_has_the_file_rows_and_pairs(real_model: Model) -> None:
    data = csv_bytes([["Pair", "Date", "goals"], ["A", "2026-01-01", "Not yet"],
                      ["A", "2026-05-01", "Yes, and most of them are met"]])
    table = read_table(real_model, data)
    results = BatchRun(real_model, table, TODAY).run()
    written = json.loads(batch.results_json(real_model, table, results, None))
    assert written["format"] == batch.BATCH_FORMAT and written["framework"] == "clutterbuck"
    assert written["rows"] == results and written["pairs"][0]["pair"] == "A"
    assert written["file"]["separator"] == ","


def test_the_survey_maps_back_to_every_question(real_model: Model) -> None:
    header = survey_header(real_model)
    assert header[0] == role_names(real_model)["pair"][0]
    table = read_table(real_model, csv_bytes([header, ["A"] * len(header)]))
    assert [c.target for c in table.columns][:2] == ["pair", "date"]
    assert table.summary(real_model)["missing"] == [] and not table.blocking


def test_a_mentors_own_history_exports_as_a_file_that_reads_back(real_model: Model) -> None:
    entries = [{"pair": "me", "date": "2026-01-05", "answers": {"goals": "not-yet"},
                "text": "=We met twice"},
               {"pair": "me", "date": "2026-03-05", "answers": {"goals": "agreed-working",
                                                                "nope": "x"}, "text": ""}]
    written = batch.answers_csv(real_model, entries)
    table = read_table(real_model, written.encode("utf-8"))
    assert [row.answers for row in table.rows] == [{"goals": "not-yet"},
                                                   {"goals": "agreed-working"}]
    assert table.rows[0].text == "'=We met twice"  # neutralised on the way out, and kept so
    assert [row.date for row in table.rows] == [date(2026, 1, 5), date(2026, 3, 5)]


# -- the page's calls ------------------------------------------------------------------------------


class JsBytes:
    """What Pyodide hands Python for a JavaScript Uint8Array."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def to_bytes(self) -> bytes:
        return self.data


def call(request: dict[str, Any], data: Any = None) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(json_api.batch_json(json.dumps(request), data))
    return answer


def test_the_pages_calls_give_the_commands_results(real_model_text: str, real_model: Model) -> None:
    assert json_api.use_model(real_model_text) == ""
    data = form_export(real_model, [{"goals": "not-yet"}, {"goals": "mostly-met"}] * 5,
                       Pair=[f"p{i // 2}" for i in range(10)],
                       Date=[f"2026-0{1 + i % 2}-01" for i in range(10)])
    opened = call({"op": "open", "today": "2026-12-01"}, JsBytes(data))
    assert opened["file"]["rows"] == 10
    rows: list[dict[str, Any]] = []
    while True:
        answer = call({"op": "next", "count": 4})
        rows += answer["rows"]
        if answer["done"] == answer["total"]:
            break
        assert "pairs" not in answer
    assert len(rows) == 10 and len(answer["pairs"]) == 5
    page = call({"op": "export", "format": "csv", "framework": None})["text"]
    expected = BatchRun(real_model, read_table(real_model, data), TODAY).run()
    assert rows == expected
    assert page == batch.results_csv(real_model, expected, None)


def test_the_pages_calls_refuse_what_they_cannot_use(real_model_text: str) -> None:
    assert json_api.use_model(real_model_text) == ""
    assert call({"op": "open"}, JsBytes(b"\x81\x81"))["error"]["kind"] == "file"
    assert call({"op": "open"}, JsBytes(b"Name\r\nA\r\n"))["file"]["needs_matching"]
    assert "matched" in call({"op": "next"})["error"]["message"]
    assert call({"op": "open"})["error"]["message"] == "'open' needs the file's bytes"
    assert call({"op": "dance"})["error"]["kind"] == "input"
    assert call({"op": "open", "matches": [1]}, b"x")["error"]["kind"] == "input"
    too_big = b"Pair,goals\r\n" + b"A,Not yet\r\n" * 1_000_000
    assert "this page reads files of up to 10 MB" in call({"op": "open"}, too_big)["error"][
        "message"]


def test_a_mentors_own_history_has_its_own_session(real_model_text: str) -> None:
    assert json_api.use_model(real_model_text) == ""
    call({"op": "open"}, csv_bytes([["Pair", "goals"], ["A", "Not yet"], ["B", "Not yet"]]))
    assert call({"op": "next", "count": 1})["done"] == 1
    entries = [{"pair": "me", "date": f"2026-0{month}-01", "answers": {"goals": option}}
               for month, option in ((1, "not-yet"), (4, "agreed-working"))]
    assert call({"op": "open", "session": "own", "entries": entries})["file"]["rows"] == 2
    own = call({"op": "next", "session": "own", "count": 10})
    assert [point["date"] for point in own["pairs"][0]["points"]] == ["2026-01-01", "2026-04-01"]
    rest = call({"op": "next", "count": 10})  # the file's session goes on where it was
    assert (rest["done"], [row["pair"] for row in rest["rows"]]) == (2, ["B"])
    assert call({"op": "next", "session": "other"})["error"]["kind"] == "input"


# -- in the site's language ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def german_model() -> Model:
    return load_model(compiled_model_text("de"))


def test_a_german_site_reads_a_german_export_and_answers_in_german(german_model: Model) -> None:
    assert survey_header(german_model)[:2] == ["Paar", "Datum"]
    data = csv_bytes([["Zeitstempel", "Tandem", "goals"], ["05.03.2026", "A", "vielleicht"],
                      ["07.03.2026", "B", "not-yet"]], separator=";")
    table = read_table(german_model, data)
    assert [c.target for c in table.columns] == ["date", "pair", "question:goals"]
    results = BatchRun(german_model, table, TODAY).run()
    assert problems(results[0])[0].startswith(
        "Zeile 2, Spalte C („goals“): „vielleicht“ ist keine der Antworten dieser Frage "
        "(„Not yet“, "
    ), "German sentences and quotation marks around the content, which stays as written"
    header = batch.results_csv(german_model, results, None).splitlines()[0]
    assert header.startswith("\ufeffZeile,Paar,Datum,Modell,Phase,Sicherheit,Wahrscheinlichkeit")


def test_the_pages_limits_are_written_in_the_languages_numbers(
    real_model: Model, german_model: Model
) -> None:
    assert batch.page_limits_text(real_model.words) == {"megabytes": "10", "rows": "20,000"}
    assert batch.page_limits_text(german_model.words) == {"megabytes": "10", "rows": "20.000"}
    assert batch.megabytes(german_model.words, 12_345_678) == "12,3"
    data = csv_bytes([["Pair", "goals"], *[[str(i), "Not yet"] for i in range(1200)]])
    with pytest.raises(BatchFileError) as caught:
        read_table(german_model, data, limits=Limits(max_rows=1000))
    assert "mehr als 1.000 Zeilen mit Antworten" in str(caught.value)

