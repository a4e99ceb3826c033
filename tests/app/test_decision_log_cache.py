"""The decision log is cached across reruns, yet shows a record written (or edited) since the last run."""
from __future__ import annotations

import datetime
from pathlib import Path

from streamlit.testing.v1 import AppTest

from criteria import Requirements
from records.record import make_record, write_record


def test_log_sees_new_and_edited_records(tmp_path: Path, matrix):
    folder = tmp_path / "decisions"
    crit = matrix.criterion_ids()
    req = Requirements(title="Pick a framework", weights={crit[0]: 8, crit[1]: 4})

    def write(n: int) -> None:
        write_record(folder, make_record(req, matrix, number=n, date=datetime.date(2026, 11, 21), charts=False, samples=500))

    write(1)
    script = (
        "from pathlib import Path\n"
        "from criteria import load_matrix\n"
        "from ui.records_view import render_decision_log\n"
        f"render_decision_log(Path({str(folder)!r}), load_matrix())\n"
    )
    at = AppTest.from_string(script, default_timeout=30).run()
    assert not at.exception
    assert list(at.dataframe[0].value["#"]) == ["0001"]
    at.run()  # an unchanged folder: same table (from the cache)
    assert list(at.dataframe[0].value["#"]) == ["0001"]
    write(2)
    at.run()
    assert list(at.dataframe[0].value["#"]) == ["0002", "0001"]
    md = next(folder.glob("0002-*.md"))
    md.write_text(md.read_text().replace("status: proposed", "status: accepted", 1))
    at.run()
    assert list(at.dataframe[0].value["status"]) == ["accepted", "proposed"]
