"""A partitioned build (tools/build_site.py, recordkit/partitions.py) makes the very site a single
`mkdocs build` makes, byte for byte; after an edit it runs only the jobs whose inputs changed, and
the site is still the single build's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Project, snapshot
from recordkit import partitions
from test_bodies import council_meeting

pytestmark = pytest.mark.xdist_group("partitions")  # the tests share one project and its build

BUILDER = ROOT / "tools" / "build_site.py"
EDITED = "data/meetings/a-65-pv-71"  # a meeting of 2010, with votes
# Four meetings of three years (two in 2010): a summary, verbatim records of both bodies, votes.
MEETINGS = ("2024-04-02-human-security", "a-64-pv-121", "a-65-pv-71", "s-pv-3756")
ANNOTATION = "{: id: p58, speakers: [deiss], themes: [peace]"


def build_partitioned(project: Project) -> list[dict[str, object]]:
    """`make build` in the project; the runs of its jobs."""
    done = subprocess.run([sys.executable, str(BUILDER), "--jobs", "2", "--config-file",
                           str(project.path("mkdocs.yml"))], capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    runs: list[dict[str, object]] = json.loads(project.path(".build/state.json").read_text())["runs"]
    return runs


def differences(one: Path, other: Path) -> list[str]:
    files, others = snapshot(one), snapshot(other)
    return sorted(name for name in files.keys() | others.keys() if files.get(name) != others.get(name))


def years_of_meetings(project: Project) -> set[str]:
    return {line.split(":")[1].strip()[:4] for folder in project.path("data/meetings").iterdir()
            for line in (folder / "meeting.yml").read_text(encoding="utf-8").splitlines() if line.startswith("date:")}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[dict[str, object]]]:
    """A small copy of the project (its cost does not grow with data/) built in partitions, and its
    first build's job runs."""
    copy = Project.small_copy(tmp_path_factory.mktemp("partitioned") / "project", MEETINGS)
    return copy, build_partitioned(copy)


def test_the_partitioned_build_is_the_single_build_byte_for_byte(
        project: tuple[Project, list[dict[str, object]]], tmp_path: Path) -> None:
    copy, runs = project
    single = tmp_path / "single"
    done = copy.build(single)
    assert done.returncode == 0, done.stderr
    built = copy.path("site")
    assert differences(built, single) == []
    assert sum(1 for _ in built.rglob("*.html")) > 100
    years = years_of_meetings(copy)
    assert years == {"2024", "2010", "1997"}  # a partition per year, one of two meetings: the nav across them
    assert sorted(str(run["job"]) for run in runs) == sorted(
        [*(f"summarize {year}" for year in years), *(f"pages {year}" for year in years), "shared", "search", "data",
         "merge"])
    assert not any(run["reused"] for run in runs)


def test_an_edit_and_a_new_meeting_rebuild_their_year_only_and_the_site_stays_the_single_builds(
        project: tuple[Project, list[dict[str, object]]], tmp_path: Path) -> None:
    copy, _ = project
    # An annotation edited, and a meeting added as the newest of its year (the nav's year lists it).
    copy.edit(f"{EDITED}/advancement-women-advancement-women.md", ANNOTATION, "{: id: p58, speakers: [deiss], "
              "themes: [peace, sdgs]")
    added = copy.path("data/meetings/a-65-pv-72")
    shutil.copytree(copy.path(EDITED), added)
    meeting = (added / "meeting.yml").read_text(encoding="utf-8")
    for old, new in (("id: a-65-pv-71", "id: a-65-pv-72"), ("path: records/a-65-pv-71", "path: records/a-65-pv-72"),
                     ("date: 2010-12-21", "date: 2010-12-22"), ("symbol: A/65/PV.71", "symbol: A/65/PV.72")):
        assert old in meeting
        meeting = meeting.replace(old, new)
    (added / "meeting.yml").write_text(meeting, encoding="utf-8")

    runs = build_partitioned(copy)
    assert sorted(str(run["job"]) for run in runs if not run["reused"]) == \
        ["data", "merge", "pages 2010", "search", "shared", "summarize 2010"]
    single = tmp_path / "single"
    done = copy.build(single)
    assert done.returncode == 0, done.stderr
    assert (single / "records/a-65-pv-72/index.html").is_file()
    assert differences(copy.path("site"), single) == []


def test_a_partition_holds_its_years_meetings_only() -> None:
    meeting = council_meeting("s-pv-8422", dt.date(2018, 12, 19))
    partitions.check_partition([meeting], "2018")
    with pytest.raises(partitions.PartitionError, match="partition 2017 holds meetings of other years: s-pv-8422"):
        partitions.check_partition([meeting], "2017")
