"""Record flavours (madr4, log4brains, nygard) and status changes, on rendered records (no tools needed).

The real tools reading these files are in test_adr_tools.py; here: every flavour
carries the same content, a status changed in place reads exactly as if the record
had been written with it, and hand-written text survives the change.
"""
from __future__ import annotations

import re

import pytest

from criteria.yamlio import parse_text
from records import flavors
from records.lifecycle import bundle_with_status, html_with_status
from records.record import render_record

from records_paths import DATE

STATUSES = ["proposed", "accepted", "rejected", "deprecated", "superseded by 0004-use-beta-everywhere"]


def _render(rec_req, rec_matrix, results, flavor, status="proposed", supersedes=()):
    return render_record(results, rec_req, rec_matrix, number=3, date=DATE, status=status, flavor=flavor,
                         supersedes=supersedes)


def _words(md: str) -> list[str]:
    """The record's words below the part each flavour lays out its own way (title, status, people)."""
    body = md[md.index("\n## Context"):]
    body = re.sub(r"^#+ .*$", "", body, flags=re.MULTILINE)  # section names differ (Context vs Context and...)
    return body.split()


@pytest.mark.parametrize("flavor", ["log4brains", "nygard"])
def test_every_flavour_carries_the_same_content(rec_req, rec_matrix, frozen_results, flavor):
    madr = _render(rec_req, rec_matrix, frozen_results, "madr4").markdown
    other = _render(rec_req, rec_matrix, frozen_results, flavor).markdown
    assert sorted(_words(other)) == sorted(_words(madr))
    assert "Chosen option: \"Beta\"" in other


def test_the_bundle_and_html_do_not_depend_on_the_flavour(rec_req, rec_matrix, frozen_results):
    recs = [_render(rec_req, rec_matrix, frozen_results, f) for f in flavors.FLAVORS]
    assert len({r.bundle for r in recs}) == 1 and len({r.html for r in recs}) == 1
    assert len({r.markdown for r in recs}) == 3


def test_heads_as_each_tool_expects(rec_req, rec_matrix, frozen_results):
    madr, l4b, nyg = (_render(rec_req, rec_matrix, frozen_results, f, "accepted").markdown for f in flavors.FLAVORS)
    # adr-log takes the first line after the front matter as the title: no blank line between
    assert "\n---\n# Framework for the partner API\n" in madr
    assert l4b.startswith("# Framework for the partner API\n\n- Status: accepted\n- Date: 2026-11-21\n\n## Context")
    assert nyg.startswith("# 3. Framework for the partner API\n\nDate: 2026-11-21\n\n## Status\n\nAccepted\n\n"
                          "## Context\n")
    heads = [line for line in nyg.splitlines() if line.startswith("## ")]
    assert heads[:4] == ["## Status", "## Context", "## Decision", "## Consequences"]
    assert heads[4:] == ["## Pros and Cons of the Options", "## More Information"]
    decision = nyg.split("## Decision\n", 1)[1].split("## Consequences\n", 1)[0]
    assert decision.lstrip().startswith("Chosen option:") and "### Confirmation" in decision
    consequences = nyg.split("## Consequences\n", 1)[1].split("\n## ", 1)[0]
    assert consequences.lstrip().startswith("* Good, because")


@pytest.mark.parametrize("flavor", flavors.FLAVORS)
@pytest.mark.parametrize("status", STATUSES)
def test_read_head_gives_back_what_was_written(rec_req, rec_matrix, frozen_results, flavor, status):
    md = _render(rec_req, rec_matrix, frozen_results, flavor, status).markdown
    head = flavors.read_head(md)
    assert head == flavors.Head(flavor=flavor, status=status, date="2026-11-21", title="Framework for the partner API")


@pytest.mark.parametrize("flavor", flavors.FLAVORS)
def test_a_status_changed_in_place_reads_as_if_written_with_it(rec_req, rec_matrix, frozen_results, flavor):
    """proposed -> every status -> every other status, with and without a Supersedes link: byte-identical."""
    for links in ((), ("0001-framework-for-the-partner-api",)):
        made = {s: _render(rec_req, rec_matrix, frozen_results, flavor, s, links) for s in STATUSES}
        for a, start in made.items():
            for b, want in made.items():
                assert flavors.set_status(start.markdown, b) == want.markdown, (a, b, links)
                assert bundle_with_status(start.bundle, b, "x.stackwise.yaml") == want.bundle
                assert html_with_status(start.html, b) == want.html


@pytest.mark.parametrize("flavor", flavors.FLAVORS)
def test_hand_written_text_survives_a_status_change(rec_req, rec_matrix, frozen_results, flavor):
    md = _render(rec_req, rec_matrix, frozen_results, flavor, "proposed").markdown
    lines = md.split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("# "))
    lines.insert(title + 1, "\nTechnical story: PAY-1234 (written by hand).")
    edited = "\n".join(lines).replace("## Considered Options", "## Considered Options\n\nWe also looked at Sanic.")
    out = flavors.set_status(edited, "superseded by 0009-x")
    assert "Technical story: PAY-1234 (written by hand)." in out and "We also looked at Sanic." in out
    assert flavors.read_head(out).status == "superseded by 0009-x"
    back = flavors.set_status(out, "accepted")
    assert flavors.read_head(back).status == "accepted"
    assert "Technical story: PAY-1234 (written by hand)." in back and "0009-x" not in back


def test_statuses_written_by_the_tools_themselves_are_read():
    """adr-tools writes 'Superseded by [2. Title](0002-x.md)' and capitalised words; log4brains 'superseded by SLUG'."""
    nygard = ("# 1. Use Flask\n\nDate: 2026-01-02\n\n## Status\n\nSuperseded by [2. Use FastAPI](0002-use-fastapi.md)"
              "\n\nAmended by [3. Pin it](0003-pin-it.md)\n\n## Context\n\nx\n")
    assert flavors.read_head(nygard) == flavors.Head("nygard", "superseded by 0002-use-fastapi", "2026-01-02",
                                                      "Use Flask")
    l4b = "# Use Flask\n\n- Status: Deprecated\n- Date: 2026-01-02\n\n## Context and Problem Statement\n"
    assert flavors.read_head(l4b).status == "deprecated"
    madr = "---\nstatus: Accepted\ndate: 2026-01-02\n---\n\n# Use Flask\n"
    assert flavors.read_head(madr) == flavors.Head("madr4", "accepted", "2026-01-02", "Use Flask")
    # the link lines adr-tools adds to a Status section stay when the status changes
    changed = flavors.set_status(nygard, "accepted")
    assert "## Status\n\nAccepted\n\nAmended by [3. Pin it](0003-pin-it.md)\n\n## Context" in changed


def test_a_record_of_no_known_layout_is_refused():
    with pytest.raises(ValueError, match="cannot tell the record's layout"):
        flavors.set_status("# Just a note\n\nNo status here.\n", "accepted")


def test_bundle_status_edit_is_valid_yaml_and_changes_one_line(rec_req, rec_matrix, frozen_results):
    bundle = _render(rec_req, rec_matrix, frozen_results, "madr4").bundle
    out = bundle_with_status(bundle, "superseded by 0004-use-beta-everywhere", "b.stackwise.yaml")
    diff = [(a, b) for a, b in zip(bundle.split("\n"), out.split("\n")) if a != b]
    assert diff == [("  status: proposed", "  status: superseded by 0004-use-beta-everywhere")]
    assert parse_text(out)[0]["record"]["status"] == "superseded by 0004-use-beta-everywhere"
