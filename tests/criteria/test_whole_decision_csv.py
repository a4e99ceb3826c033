"""Issue 19: one CSV holds a whole decision (its own criteria and sources), and minimal criteria."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from criteria import InputError, load_matrix
from criteria.csv_matrix import load_csv_bytes, url_id
from criteria.export import matrix_to_csv
from criteria.models import Criterion, default_question

QUEUES = """option,option_name,criterion,criterion_name,rating,rationale,source,source_title,source_url,source_date,where,claim,verdict
rabbitmq,RabbitMQ,ordering,Message ordering,4,Per-queue FIFO.,rmq-docs,RabbitMQ docs,https://www.rabbitmq.com/docs/queues,2025-06-01,Queues,Queues are FIFO.,current
rabbitmq,RabbitMQ,ops,Ease of operation,3,Clustering needs care.,rmq-docs,,,,Clustering,A cluster needs quorum queues for safety.,current
kafka,Kafka,ordering,,5,Ordered per partition.,https://kafka.apache.org/documentation/,,,2025-03-18,Design,Order is kept within a partition.,current
kafka,Kafka,ops,,2,ZooKeeper gone but brokers need tuning.,https://kafka.apache.org/documentation/,,,,Operations,Brokers and partitions need planning.,current
"""


def test_a_csv_defines_its_own_criteria_and_sources() -> None:
    m = load_csv_bytes(QUEUES.encode(), "queues.csv")
    assert m.criterion_ids() == ["ordering", "ops"]
    assert [c.name for c in m.criteria] == ["Message ordering", "Ease of operation"]
    assert m.criterion("ops").question == "How much does Ease of operation matter to this project?"
    assert not m.criterion("ops").anchored and m.criterion("ops").description is None
    rmq = m.source("rmq-docs")
    assert (rmq.title, rmq.url, rmq.published, rmq.publisher) == (
        "RabbitMQ docs", "https://www.rabbitmq.com/docs/queues", "2025-06-01", "rabbitmq.com")
    kafka_id = url_id("https://kafka.apache.org/documentation/")
    assert kafka_id == "kafka-apache-org-documentation"
    assert m.source(kafka_id).url == "https://kafka.apache.org/documentation/"
    assert m.option("kafka").ratings["ordering"].evidence[0].source == kafka_id


def test_the_export_round_trips_byte_for_byte() -> None:
    first = matrix_to_csv(load_csv_bytes(QUEUES.encode(), "queues.csv"))
    again = matrix_to_csv(load_csv_bytes(first.encode(), "again.csv"))
    assert first == again
    assert load_csv_bytes(first.encode(), "x.csv") == load_csv_bytes(QUEUES.encode(), "queues.csv")


def test_formula_like_text_is_exported_as_text_and_comes_back_unchanged() -> None:
    """CSV injection: a claim typed as '=HYPERLINK(...)' must not run when the export is opened in Excel."""
    hostile = QUEUES.replace("Queues are FIFO.", '"=HYPERLINK(""http://x.example"",""y"")"').replace(
        "Per-queue FIFO.", "+1 per queue").replace("Design,", "@SUM(A1),")
    m = load_csv_bytes(hostile.encode(), "queues.csv")
    out = matrix_to_csv(m)
    rows = list(csv.DictReader(io.StringIO(out)))
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@")), (column, cell)
    assert rows[0]["claim"] == '\'=HYPERLINK("http://x.example","y")'
    # The guard is ours, so the loader takes it off: the round trip is exact.
    assert load_csv_bytes(out.encode(), "again.csv") == m
    assert m.option("rabbitmq").ratings["ordering"].evidence[0].claim.startswith("=HYPERLINK")


@pytest.mark.parametrize("edit, where, says", [
    # the second rmq-docs row gives a different title than the first
    (("rmq-docs,,,,Clustering", "rmq-docs,Other title,,,Clustering"), "line 3, key 'source_title'",
     "'RabbitMQ docs' on line 2"),
    # a new source without a date
    (("RabbitMQ docs,https://www.rabbitmq.com/docs/queues,2025-06-01", "RabbitMQ docs,https://www.rabbitmq.com/docs/queues,"),
     "line 2, key 'source_date'", "needs a date"),
    # a bad date
    (("2025-03-18", "18/03/2025"), "line 4, key 'source_date'", "YYYY-MM-DD"),
    # a criterion named twice differently
    ((",ordering,,5", ",ordering,Ordering!,5"), "line 4, key 'criterion_name'", "'Message ordering' on line 2"),
    # an option missing a criterion
    (("kafka,Kafka,ops,,2", "kafka,Kafka,latency,,2"), "key 'option'", "no rating for: ops"),
])
def test_bad_whole_decision_rows_name_line_and_column(edit: tuple[str, str], where: str, says: str) -> None:
    text = QUEUES.replace(*edit)
    assert text != QUEUES
    with pytest.raises(InputError) as exc:
        load_csv_bytes(text.encode(), "queues.csv")
    msg = str(exc.value)
    assert where in msg and says in msg, msg


def test_an_unnamed_unknown_id_beside_catalog_criteria_is_a_typo(tmp_path: Path) -> None:
    text = ("option,criterion,rating,rationale,source,where,claim,verdict\n"
            "flask,async_support,3,x,flask-docs-async,a,b,current\n"
            "flask,sql_features,3,x,flask-docs-async,a,b,current\n")
    with pytest.raises(InputError) as exc:
        load_csv_bytes(text.encode(), "mixed.csv")
    assert "line 3, key 'criterion': unknown criterion 'sql_features'" in str(exc.value)
    assert "criterion_name" in str(exc.value)
    # Named, it is a new criterion beside the catalog one.
    named = text.replace("criterion,rating", "criterion,criterion_name,rating") \
        .replace("async_support,3", "async_support,,3").replace("sql_features,3", "sql_features,SQL features,3")
    m = load_csv_bytes(named.encode(), "named.csv")
    assert m.criterion_ids() == ["async_support", "sql_features"]
    assert m.criterion("async_support").anchored and not m.criterion("sql_features").anchored


def test_minimal_criteria_load_from_a_matrix_file(tmp_path: Path) -> None:
    ev = [{"source": "s1", "where": "x", "claim": "y", "verdict": "current"}]
    import json

    data = {"criteria": [{"id": "speed", "name": "Speed"}],
            "options": [{"id": "a", "name": "A", "ratings": {"speed": {"rating": 4, "rationale": "r", "evidence": ev}}}],
            "sources": [{"id": "s1", "title": "T", "publisher": "P", "published": "2026", "kind": "article"}]}
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data))
    m = load_matrix(path)
    c = m.criterion("speed")
    assert c.question == default_question("Speed") and c.scale is None and c.description is None
    assert c.anchors() == {}


def test_the_shipped_catalog_stays_fully_anchored() -> None:
    assert all(c.anchored and c.description and c.question for c in load_matrix().criteria)
    with pytest.raises(Exception):
        Criterion.model_validate({"id": "x"})  # a name is still required
