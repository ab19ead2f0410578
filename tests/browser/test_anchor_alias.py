"""An old paragraph id kept as an alias still lands on, and highlights, the paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser.conftest import PART, paragraph_state, serve, wait_for_target_at_rest
from conftest import RECORD_DIR, Project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This module's pages: a site where p-closing-takasu was renamed, keeping its old id as an alias."""
    project = Project.small_copy(tmp_path_factory.mktemp("alias") / "project")
    project.edit(f"{RECORD_DIR}/concluding-remarks.md", "{: id: p-closing-takasu,",
                 "{: id: p-closing-remarks, aliases: [p-closing-takasu],")
    site = project.root.parent / "site"
    result = project.build(site)
    assert result.returncode == 0, result.stderr
    with serve(site) as url:
        yield url


def test_the_old_link_lands_on_the_renamed_paragraph(page: Any) -> None:
    page.goto(f"{PART}concluding-remarks/#p-closing-takasu")
    wait_for_target_at_rest(page, "p-closing-takasu")
    state = paragraph_state(page, "p-closing-remarks")
    assert state["found"] and not state["target"]
    assert state["topInView"], state
    assert state["background"] not in ("rgba(0, 0, 0, 0)", "transparent", state["pageBackground"]), state
