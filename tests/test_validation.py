"""Bad input stops the build with a message an editor can act on: file, field, line.

Most cases load a copy of data/ and docs/ with one mistake through the same
loader the hooks call (fast); the ones at the end go through a real
`mkdocs build` and check what the editor sees: the message, no traceback, and
the last good site left as it was. A mistake is made in a copy of the project
with only the meeting it is in (conftest.small_copy), unless what is checked
depends on every meeting.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import RECORD_DIR, RECORD_ID, Project, snapshot

MEETING_FILE = f"{RECORD_DIR}/meeting.yml"
CORRECTIONS_FILE = f"{RECORD_DIR}/corrections.yml"
SOURCE_FILE = f"{RECORD_DIR}/source.txt"

OVERVIEW = f"{RECORD_DIR}/overview.md"
CLOSING = f"{RECORD_DIR}/concluding-remarks.md"
PANEL = f"{RECORD_DIR}/panel-discussion.md"


@pytest.fixture
def project(small_copy: Callable[..., Project], tmp_path: Path) -> Project:
    """A copy whose one meeting is the summary record, registries trimmed to it: each mistake is in that
    record, a registry or docs/, and a build of it takes a fraction of the whole site's."""
    return small_copy(tmp_path / "project", [RECORD_ID])


@pytest.fixture
def repo(tmp_path: Path) -> Project:
    """The whole repository: for the committed data as it is, and for suggestions drawn from every
    meeting's speakers."""
    return Project.copy_of_repo(tmp_path / "project")


def only_problem(project: Project, *, file: str, line: int | None, says: list[str], field: str | None = None):
    """The loader reports exactly one problem, in `file` at `line`, with every phrase of `says`."""
    problems = project.problems()
    assert len(problems) == 1, "\n".join(map(str, problems))
    return has_problem(problems, file=file, line=line, says=says, field=field)


def has_problem(problems: list, *, file: str, line: int | None, says: list[str], field: str | None = None):
    matching = [p for p in problems if p.file == file and all(phrase in p.message for phrase in says)]
    assert matching, f"no problem in {file} saying {says}:\n" + "\n".join(map(str, problems))
    problem = matching[0]
    assert problem.line == line, str(problem)
    if field is not None:
        assert problem.field == field, str(problem)
    return problem


def test_the_committed_record_loads_without_problems(repo: Project) -> None:
    loaded = repo.load()
    assert loaded.warnings == []
    assert len(loaded.corpus.meeting_by_id['2024-04-02-human-security'].paragraphs) == 15


# -- malformed YAML ------------------------------------------------------------


MALFORMED = {
    # file: (text to break, broken text, fragment on the line the parser stops at)
    MEETING_FILE: ("venue: Trusteeship Council Chamber", "venue: [Trusteeship Council Chamber", "place:"),
    "data/speakers.yml": ("    name: António Guterres", "    name: António Guterres\n   bad: indent", "bad: indent"),
    "data/themes.yml": ("label: Prevention", "label: Prevention: first", "label: Prevention: first"),
    "data/documents.yml": ("cited_as: [A/78/665]", "cited_as: [A/78/665", "- id: a-res-66-290"),
    CORRECTIONS_FILE: ("  - id: hyphen-people-centred", "  - id: hyphen-people-centred\n\t- x", "\t- x"),
}


@pytest.mark.parametrize("data_file", sorted(MALFORMED))
def test_malformed_yaml_in_each_data_file_names_the_file_and_line(project: Project, data_file: str) -> None:
    old, new, stop = MALFORMED[data_file]
    project.edit(data_file, old, new)
    only_problem(project, file=data_file, line=project.line_of(data_file, stop), says=["malformed YAML"])


def test_malformed_yaml_in_front_matter_names_the_file_and_line(project: Project) -> None:
    # MkDocs' own front-matter reader would silently return {} here.
    project.edit(OVERVIEW, "title: Overview", "title: [Overview")
    only_problem(project, file=OVERVIEW, line=project.line_of(OVERVIEW, "summary:"),
                 says=["malformed YAML", "expected ',' or ']'"])


def test_malformed_yaml_in_a_paragraph_annotation_names_its_line(project: Project) -> None:
    project.edit(CLOSING, "{: id: p-closing-takasu, speakers: [takasu],", "{: id: p-closing-takasu, speakers: [takasu,")
    only_problem(project, file=CLOSING, line=project.line_of(CLOSING, "{: id: p-closing-takasu"),
                 says=["malformed YAML"])


def test_a_front_matter_that_is_never_closed(project: Project) -> None:
    project.edit(OVERVIEW, "---\n\n{: id:", "\n{: id:")
    only_problem(project, file=OVERVIEW, line=1, says=["front matter is not closed"])


# -- the pages written in docs/ (the home page's introduction) ------------------------------

HOME = "docs/index.md"
HOME_TITLE = "title: United Nations meeting records"
BROKEN_HOME = {
    # how the front matter is broken: (text, replacement, fragment of the line named, words of the message)
    "unclosed-bracket": (HOME_TITLE, "title: [United Nations meeting records", "title: [", ["malformed YAML"]),
    "tab-indent": (HOME_TITLE, f"{HOME_TITLE}\n\tsubtitle: x", "subtitle:", ["malformed YAML"]),
    "never-closed": (f"{HOME_TITLE}\n---", HOME_TITLE, "---", ["front matter is not closed"]),
    "a-list": (HOME_TITLE, "- United Nations meeting records", "- United Nations", ["must be 'key: value' lines"]),
}


def docs_problems(project: Project) -> list:
    """The problems the check of docs/ reports (run before site/ is touched); fails if there is none."""
    from markdown import Markdown

    from recordkit import anchors, pages
    from recordkit.problems import InputError
    from recordkit.urls import SiteUrls

    corpus = project.load().corpus
    try:
        anchors.written_pages(pages.Site(corpus, SiteUrls(corpus)), project.path("docs"), Markdown().convert,
                              root=project.root)
    except InputError as error:
        return error.problems
    raise AssertionError("docs/ was read without any problem")


@pytest.mark.parametrize("broken", sorted(BROKEN_HOME))
def test_a_broken_front_matter_in_docs_names_the_file_and_line(project: Project, broken: str) -> None:
    old, new, stop, says = BROKEN_HOME[broken]
    project.edit(HOME, old, new)
    problems = docs_problems(project)
    assert len(problems) == 1, "\n".join(map(str, problems))
    has_problem(problems, file=HOME, line=project.line_of(HOME, stop), says=says)


def test_a_page_in_docs_that_is_not_utf8_names_the_line(project: Project) -> None:
    line = project.line_of(HOME, "word for word")
    project.path(HOME).write_bytes(project.read(HOME).replace("word for word", "mot à mot").encode("latin-1"))
    has_problem(docs_problems(project), file=HOME, line=line, says=["is not UTF-8"])


def test_front_matter_without_keys_or_none_at_all_is_no_problem(project: Project) -> None:
    from markdown import Markdown

    from recordkit import anchors, pages
    from recordkit.urls import SiteUrls

    corpus = project.load().corpus
    site = pages.Site(corpus, SiteUrls(corpus))
    for front in ("---\n---\n", "---\n# only a comment\n---\n", ""):
        project.path(HOME).write_text(f"{front}Records of meetings.\n", encoding="utf-8")
        written = anchors.written_pages(site, project.path("docs"), Markdown().convert, root=project.root)
        assert "Records of meetings." in written["/"], front


# -- missing or mistyped fields ----------------------------------------------


def test_a_missing_required_field_names_the_entry(project: Project) -> None:
    project.edit("data/speakers.yml", "    name: Yukio Takasu\n", "")
    only_problem(project, file="data/speakers.yml", line=project.line_of("data/speakers.yml", "- id: takasu"),
                 says=["the required field 'name' is missing"], field="speaker.name")


def test_a_missing_front_matter_field(project: Project) -> None:
    project.edit(CLOSING, "title: Concluding remarks\n", "")
    problems = project.problems()
    has_problem(problems, file=CLOSING, line=2, says=["the required field 'title' is missing"],
                field="front matter.title")


def test_a_mistyped_number(project: Project) -> None:
    project.edit(MEETING_FILE, "session: 78", "session: seventy-eighth")
    only_problem(project, file=MEETING_FILE, line=project.line_of(MEETING_FILE, "session: seventy"),
                 says=["expected a whole number", "seventy-eighth"], field="session")


def test_a_misspelt_field_name_suggests_the_right_one(project: Project) -> None:
    project.edit(CLOSING, "speakers: [takasu]", "speaker: [takasu]")
    only_problem(project, file=CLOSING, line=project.line_of(CLOSING, "speaker: [takasu]"),
                 says=["unknown field 'speaker'", "did you mean 'speakers'?"])


def test_a_list_given_as_text_where_a_mapping_is_expected(project: Project) -> None:
    project.edit("data/themes.yml", "themes:\n", "themes:\n  - just a label\n")
    only_problem(project, file="data/themes.yml", line=None, says=["theme must be a mapping of fields"])


def test_an_invalid_id(project: Project) -> None:
    project.edit(CLOSING, "{: id: p-closing-takasu,", "{: id: P Closing,")
    problems = project.problems()
    has_problem(problems, file=CLOSING, line=project.line_of(CLOSING, "{: id: P Closing"),
                says=["'P Closing' is not a valid id"], field="paragraph.id")


# -- unknown ids ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "what", "suggestion"),
    [
        ("speakers: [takasu]", "speakers: [takasi]", "speaker 'takasi'", "did you mean 'takasu' or 'taalas'?"),
        ("mentions: [member-states]", "mentions: [member-state]", "speaker 'member-state'", "'member-states'"),
        ("themes: [definition,", "themes: [definitions,", "theme 'definitions'", "did you mean 'definition'?"),
    ],
)
def test_an_unknown_id_in_an_annotation_suggests_the_closest(
    repo: Project, old: str, new: str, what: str, suggestion: str
) -> None:
    repo.edit(CLOSING, old, new)
    only_problem(repo, file=CLOSING, line=repo.line_of(CLOSING, "{: id: p-closing-takasu"),
                 says=["paragraph 'p-closing-takasu'", f"unknown {what}", suggestion])


def test_an_unknown_document_in_an_annotation(project: Project) -> None:
    project.edit(CLOSING, "themes: [definition,", "documents: [a-78-66], themes: [definition,")
    only_problem(project, file=CLOSING, line=project.line_of(CLOSING, "{: id: p-closing-takasu"),
                 says=["unknown document 'a-78-66'", "did you mean 'a-78-665'"], field="documents")


def test_an_unknown_document_and_convener_in_the_meeting(project: Project) -> None:
    project.edit(MEETING_FILE, "documents: [a-78-665,", "documents: [a-78-666,")
    project.edit(MEETING_FILE, "convener: francis", "convener: frances")
    problems = project.problems()
    assert len(problems) == 2
    has_problem(problems, file=MEETING_FILE, line=project.line_of(MEETING_FILE, "documents:"),
                says=["unknown document 'a-78-666'", "did you mean 'a-78-665'"])
    has_problem(problems, file=MEETING_FILE, line=project.line_of(MEETING_FILE, "convener:"),
                says=["unknown speaker 'frances'", "did you mean 'francis'?"])


def test_a_correction_of_an_unknown_paragraph(project: Project) -> None:
    project.edit(CORRECTIONS_FILE, "paragraph: p-chambas", "paragraph: p-chamba")
    only_problem(project, file=CORRECTIONS_FILE,
                 line=project.line_of(CORRECTIONS_FILE, "- id: hyphen-people-centred"),
                 says=["unknown paragraph 'p-chamba'", "did you mean 'p-chambas'"], field="paragraph")


# -- duplicate ids -------------------------------------------------------------


def test_a_duplicate_speaker_id_names_both_lines(project: Project) -> None:
    first = project.line_of("data/speakers.yml", "- id: guterres")
    project.edit("data/speakers.yml", "  - id: takasu", "  - id: guterres")
    second = project.line_of("data/speakers.yml", "name: Yukio Takasu") - 1
    only_problem(project, file="data/speakers.yml", line=second,
                 says=["duplicate speaker id 'guterres'", f"already used at line {first}"])


def test_a_duplicate_theme_id(project: Project) -> None:
    project.edit("data/themes.yml", "  - id: resilience", "  - id: prevention")
    problems = project.problems()
    has_problem(problems, file="data/themes.yml", line=project.line_of("data/themes.yml", "label: Resilience") - 1,
                says=["duplicate theme id 'prevention'"])


def test_a_duplicate_section_id_names_the_other_file(project: Project) -> None:
    project.edit(CLOSING, "id: concluding-remarks", "id: overview")
    only_problem(project, file=CLOSING, line=2, says=["duplicate part id 'overview'", f"already used in {OVERVIEW}"])


def test_a_duplicate_paragraph_anchor_across_files(project: Project) -> None:
    project.edit(CLOSING, "{: id: p-closing-takasu,", "{: id: p-overview-meeting,")
    only_problem(project, file=CLOSING, line=project.line_of(CLOSING, "{: id: p-overview-meeting"),
                 says=["duplicate paragraph id 'p-overview-meeting'", f"already used in {OVERVIEW}, line 9"])


def test_a_paragraph_alias_that_collides_with_another_anchor(project: Project) -> None:
    project.edit(CLOSING, "{: id: p-closing-takasu,", "{: id: p-closing-takasu, aliases: [p-chambas],")
    only_problem(project, file=CLOSING, line=project.line_of(CLOSING, "{: id: p-closing-takasu"),
                 says=["duplicate paragraph alias id 'p-chambas'", f"already used in {PANEL}"])


def test_a_duplicate_key_inside_one_mapping(project: Project) -> None:
    project.edit(MEETING_FILE, "venue: Trusteeship", "venue: Hall\nvenue: Trusteeship")
    only_problem(project, file=MEETING_FILE, line=project.line_of(MEETING_FILE, "venue: Trusteeship"),
                 says=["duplicate key 'venue'"])


# -- encodings, empty sections -------------------------------------------------


@pytest.mark.parametrize("file", ["data/themes.yml", CLOSING])
def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(project: Project, file: str) -> None:
    text = project.read(file)
    line = 4
    lines = text.split("\n")
    lines[line - 1] += " café"
    project.path(file).write_bytes("\n".join(lines).encode("latin-1"))
    only_problem(project, file=file, line=line, says=["is not UTF-8", "0xe9", "save the file as UTF-8"])


def test_a_byte_order_mark_is_not_an_error(project: Project) -> None:
    for file in (OVERVIEW, "data/themes.yml"):
        project.path(file).write_bytes(b"\xef\xbb\xbf" + project.path(file).read_bytes())
    assert len(project.load().corpus.meeting_by_id['2024-04-02-human-security'].paragraphs) == 15


def test_a_title_that_no_longer_matches_the_source_names_its_line(project: Project) -> None:
    project.edit(CLOSING, "title: Concluding remarks", "title: Closing remarks")
    only_problem(project, file=CLOSING, line=project.line_of(CLOSING, "title: Closing remarks"),
                 says=["'V. Closing remarks' does not match", "'V. Concluding remarks'"], field="title")


def test_a_duplicate_section_number_names_its_line(project: Project) -> None:
    project.edit(CLOSING, "number: V", "number: IV")
    member_states = f"{RECORD_DIR}/member-states.md"  # the first of the two in the record's order
    has_problem(project.problems(), file=CLOSING, line=project.line_of(CLOSING, "number: IV"),
                says=["duplicate part number 'IV'", "also in " + member_states], field="number")


def test_an_empty_section(project: Project) -> None:
    text = project.read(CLOSING)
    project.path(CLOSING).write_text(text[: text.index("{:")], encoding="utf-8")
    problems = project.problems()
    has_problem(problems, file=CLOSING, line=8, says=["the part has no paragraphs"])


def test_a_paragraph_without_annotation(project: Project) -> None:
    project.edit(CLOSING, "Reflecting on the discussion,", "Reflecting on the discussion,\n\nA stray paragraph.")
    problems = project.problems()
    has_problem(problems, file=CLOSING, line=project.line_of(CLOSING, "A stray paragraph."),
                says=["this paragraph has no annotation"])


# -- the text against the source -------------------------------------------------


def test_a_correction_whose_original_is_no_longer_in_the_source(project: Project) -> None:
    project.edit(CORRECTIONS_FILE, "original: peoplecentred", "original: peoplecentered")
    problems = project.problems()
    has_problem(problems, file=CORRECTIONS_FILE,
                line=project.line_of(CORRECTIONS_FILE, "- id: hyphen-people-centred"),
                says=["correction 'hyphen-people-centred'", "'peoplecentered' is no longer in the source"],
                field="original")


def test_text_that_no_longer_matches_the_source_names_the_paragraph_and_the_words(project: Project) -> None:
    project.edit(CLOSING, "thanked the participants", "thanked all the participants")
    only_problem(
        project, file=CLOSING, line=project.line_of(CLOSING, "Reflecting on the discussion"),
        says=["paragraph 'p-closing-takasu' no longer matches the source",
              "the source has 'the participants and distinguished panelists for'",
              "the part has 'all the participants and distinguished panelists'",
              CORRECTIONS_FILE],
    )


def test_the_first_differing_paragraph_of_a_part_is_named(project: Project) -> None:
    project.edit(PANEL, "Another panelist, Dr.", "Another panelist, Doctor")
    project.edit(PANEL, "Emphasizing how the challenges", "Emphasising how the challenges")
    problems = project.problems()
    assert len(problems) == 1, "\n".join(map(str, problems))
    has_problem(problems, file=PANEL, line=project.line_of(PANEL, "Another panelist, Doctor"),
                says=["paragraph 'p-chambas'", "the source has 'Dr. Mohamed Ibn", "the part has 'Doctor Mohamed Ibn"])


# -- bodies and the Council's members ------------------------------------------------

VERBATIM_MEETING = "a-76-pv-102"
VERBATIM_FILE = f"data/meetings/{VERBATIM_MEETING}/meeting.yml"


@pytest.fixture
def verbatim(small_copy: Callable[..., Project], tmp_path: Path) -> Project:
    """A copy whose one meeting is A/76/PV.102 (a verbatim record with a President), registries trimmed
    to it: the members' checks read that meeting, the delegations and the speakers."""
    return small_copy(tmp_path / "project", [VERBATIM_MEETING])


def test_an_unknown_body_names_meeting_yml_the_field_and_its_line(project: Project) -> None:
    project.edit(MEETING_FILE, "body: general-assembly", "body: general-asembly")
    only_problem(project, file=MEETING_FILE, line=project.line_of(MEETING_FILE, "body:"), field="body",
                 says=["unknown body 'general-asembly'", "did you mean 'general-assembly'"])


def test_a_body_given_by_its_name_is_not_an_id(project: Project) -> None:
    """meeting.yml files written before bodies.yml named the body: the message says what an id is."""
    project.edit(MEETING_FILE, "body: general-assembly", "body: General Assembly")
    problem = has_problem(project.problems(), file=MEETING_FILE, line=project.line_of(MEETING_FILE, "body:"),
                          field="body", says=["'General Assembly' is not a valid id"])
    assert "lowercase" in problem.message


def test_a_body_id_cannot_be_a_folder_of_the_site(project: Project) -> None:
    project.edit("data/bodies.yml", "  - id: security-council", "  - id: speakers")
    only_problem(project, file="data/bodies.yml", line=project.line_of("data/bodies.yml", "- id: speakers"),
                 field="id", says=["body 'speakers'", "/speakers/", "choose another id"])


def test_a_duplicate_body_id(project: Project) -> None:
    project.edit("data/bodies.yml", "  - id: security-council", "  - id: general-assembly")
    second = project.line_of("data/bodies.yml", "name: Security Council") - 1
    only_problem(project, file="data/bodies.yml", line=second, says=["duplicate body id 'general-assembly'"])


def with_members(project: Project, *members: tuple[str, str]) -> None:
    """The Council's `members:` in a copy of A/76/PV.102's meeting.yml (a verbatim record with a President)."""
    listed = "".join(f"- delegation: {d}\n  representative: {r}\n" for d, r in members)
    project.edit(VERBATIM_FILE, "president: shahid\n", f"president: shahid\nmembers:\n{listed}")


def member_line(project: Project, index: int) -> int:
    return project.line_of(VERBATIM_FILE, "members:") + 1 + 2 * index


def test_members_present_load_in_printed_order(verbatim: Project) -> None:
    with_members(verbatim, ("kenya", "kimani"), ("bangladesh", "muhith"))
    loaded = verbatim.load()
    assert loaded.warnings == []
    members = loaded.corpus.meeting_by_id["a-76-pv-102"].members
    assert [(m.delegation, m.representative) for m in members] == [("kenya", "kimani"), ("bangladesh", "muhith")]


def test_a_representative_of_another_delegation_names_the_member_and_its_line(verbatim: Project) -> None:
    with_members(verbatim, ("kenya", "kimani"), ("kenya", "muhith"))
    problems = verbatim.problems()
    has_problem(problems, file=VERBATIM_FILE, line=member_line(verbatim, 1), field="members[1].representative",
                says=["the representative 'muhith' has 'bangladesh' in data/speakers.yml", "not the member's 'kenya'"])
    has_problem(problems, file=VERBATIM_FILE, line=member_line(verbatim, 1), field="members[1].delegation",
                says=["the delegation 'kenya' is already listed in members[0]"])
    assert len(problems) == 2


def test_an_unknown_member_delegation_or_representative_suggests_the_closest(verbatim: Project) -> None:
    with_members(verbatim, ("kenia", "kimani"), ("bangladesh", "muhit"))
    problems = verbatim.problems()
    has_problem(problems, file=VERBATIM_FILE, line=member_line(verbatim, 0), field="members[0].delegation",
                says=["members[0]: unknown delegation 'kenia'", "did you mean 'kenya'"])
    has_problem(problems, file=VERBATIM_FILE, line=member_line(verbatim, 1), field="members[1].representative",
                says=["members[1]: unknown speaker 'muhit'", "did you mean 'muhith'"])


def test_the_president_is_not_listed_among_the_members(verbatim: Project) -> None:
    with_members(verbatim, ("maldives", "shahid"))
    only_problem(verbatim, file=VERBATIM_FILE, line=member_line(verbatim, 0), field="members[0].representative",
                 says=["'shahid' is the President", "listed apart"])


def test_a_member_entry_must_be_a_mapping(verbatim: Project) -> None:
    verbatim.edit(VERBATIM_FILE, "president: shahid\n", "president: shahid\nmembers:\n- kenya\n")
    only_problem(verbatim, file=VERBATIM_FILE, line=verbatim.line_of(VERBATIM_FILE, "members:"),
                 says=["members[0] must be a mapping of fields"])


def test_a_representative_who_does_not_speak_is_no_unreferenced_speaker(verbatim: Project) -> None:
    """The first page names every member's representative; many never take the floor."""
    verbatim.edit("data/speakers.yml", "  - id: kimani\n",
                 "  - id: silent\n    name: Silent\n    delegation: kenya\n  - id: kimani\n")
    with_members(verbatim, ("kenya", "silent"))
    assert verbatim.load().warnings == []


# -- warnings, and every problem at once -----------------------------------------


def test_an_unreferenced_speaker_or_theme_is_a_warning(project: Project) -> None:
    project.edit("data/speakers.yml", "speakers:\n",
                 "speakers:\n  - id: nobody\n    name: No One\n    titles: [Nobody]\n")
    project.edit("data/themes.yml", "themes:\n", "themes:\n  - id: unused\n    label: Unused\n    description: None.\n")
    warnings = project.load().warnings
    assert len(warnings) == 2
    has_problem(warnings, file="data/speakers.yml", line=project.line_of("data/speakers.yml", "- id: nobody"),
                says=["speaker 'nobody' is not referenced by any paragraph"])
    has_problem(warnings, file="data/themes.yml", line=project.line_of("data/themes.yml", "- id: unused"),
                says=["theme 'unused' is not referenced by any paragraph"])


def test_every_problem_is_reported_at_once_not_only_the_first(project: Project) -> None:
    project.edit("data/themes.yml", "label: Prevention", "label: Prevention: first")
    project.edit("data/speakers.yml", "    name: Yukio Takasu\n", "")
    project.edit(OVERVIEW, "title: Overview", "title: [Overview")
    project.edit(CLOSING, "speakers: [takasu]", "speaker: [takasu]")
    problems = project.problems()
    assert {p.file for p in problems} == {"data/themes.yml", "data/speakers.yml", OVERVIEW, CLOSING}
    assert len(problems) == 4


def test_every_unknown_id_is_reported_at_once(project: Project) -> None:
    project.edit(CLOSING, "speakers: [takasu]", "speakers: [takasi]")
    project.edit(CLOSING, "themes: [definition,", "themes: [definitions,")
    project.edit(PANEL, "speakers: [chambas]", "speakers: [chamba]")
    project.edit(CORRECTIONS_FILE, "original: peoplecentred", "original: peoplecentered")
    messages = [p.message for p in project.problems()]
    assert any("unknown speaker 'takasi'" in m for m in messages)
    assert any("unknown theme 'definitions'" in m for m in messages)
    assert any("unknown speaker 'chamba'" in m and "did you mean 'chambas'" in m for m in messages)


# -- through a real build ---------------------------------------------------------


def built(tmp_path: Path, project: Project, *, strict: bool = True):
    site = tmp_path / "site"
    return site, project.build(site, strict=strict)


def test_a_real_build_shows_every_problem_without_a_traceback(tmp_path: Path, project: Project) -> None:
    project.edit("data/themes.yml", "label: Prevention", "label: Prevention: first")
    project.edit(CLOSING, "speakers: [takasu]", "speakers: [takasi]")
    _, result = built(tmp_path, project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert f"data/themes.yml, line {project.line_of('data/themes.yml', 'Prevention: first')}" in output
    assert "malformed YAML" in output


def test_a_real_build_names_an_unknown_speaker_with_a_suggestion(tmp_path: Path, repo: Project) -> None:
    repo.edit(CLOSING, "speakers: [takasu]", "speakers: [takasi]")
    _, result = built(tmp_path, repo)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    line = repo.line_of(CLOSING, "{: id: p-closing-takasu")
    assert f"{CLOSING}, line {line} [speakers]: paragraph 'p-closing-takasu': unknown speaker 'takasi' " \
           "(did you mean 'takasu' or 'taalas'?)" in result.stderr


def test_a_real_build_with_a_malformed_front_matter_in_docs_names_it_without_a_traceback(
        tmp_path: Path, project: Project) -> None:
    project.edit(HOME, HOME_TITLE, "title: [United Nations meeting records")
    _, result = built(tmp_path, project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "yaml." not in result.stderr
    line = project.line_of(HOME, "title: [")
    assert f"{HOME}, line {line}: malformed YAML: expected ',' or ']'" in result.stderr
    # `make anchors` reads docs/ the same way: the same message, the lock untouched.
    lock = project.read("anchors.lock")
    update = subprocess.run([sys.executable, "tools/update_anchors.py"], cwd=project.root,
                            capture_output=True, text=True)
    assert update.returncode == 1 and "Traceback" not in update.stderr
    assert f"{HOME}, line {line}: malformed YAML" in update.stderr
    assert project.read("anchors.lock") == lock


def test_a_real_build_of_a_non_utf8_section(tmp_path: Path, project: Project) -> None:
    project.path(CLOSING).write_bytes(project.read(CLOSING).replace("remarks", "remarqués").encode("latin-1"))
    _, result = built(tmp_path, project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"{CLOSING}, line 2: is not UTF-8" in result.stderr


def test_an_unreferenced_speaker_warns_and_is_fatal_under_strict(tmp_path: Path, project: Project) -> None:
    project.edit("data/speakers.yml", "speakers:\n",
                 "speakers:\n  - id: nobody\n    name: No One\n    titles: [Nobody]\n")
    line = project.line_of("data/speakers.yml", "- id: nobody")
    message = f"data/speakers.yml, line {line} [speakers]: speaker 'nobody' is not referenced by any paragraph"

    lenient = project.build(tmp_path / "lenient", strict=False)
    assert lenient.returncode == 0, lenient.stderr
    assert "WARNING" in lenient.stderr and message in lenient.stderr

    strict = project.build(tmp_path / "strict", strict=True)
    assert strict.returncode != 0
    assert message in strict.stderr and "fatal under --strict" in strict.stderr
    assert "Traceback" not in strict.stderr
    assert not (tmp_path / "strict").exists(), "a strict failure must not write a site"


@pytest.fixture(scope="module")
def good_site(small_copy: Callable[..., Project], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of `project` as it is, built once: a bad input fails the build before MkDocs touches
    site/, so the site a failed build must leave as it was can be a copy of this one."""
    folder = tmp_path_factory.mktemp("good")
    result = small_copy(folder / "project", [RECORD_ID]).build(folder / "site")
    assert result.returncode == 0, result.stderr
    return folder / "site"


@pytest.mark.parametrize(
    "break_input",
    [
        pytest.param(lambda p: p.edit(OVERVIEW, "title: Overview", "title: [Overview"), id="front-matter"),
        pytest.param(lambda p: p.edit(HOME, HOME_TITLE, "title: [United Nations meeting records"),
                     id="docs-front-matter"),
        pytest.param(lambda p: p.edit(CLOSING, "thanked the participants", "thanked all"), id="text"),
        pytest.param(lambda p: p.edit("data/speakers.yml", "speakers:\n",
                                      "speakers:\n  - id: nobody\n    name: N\n    titles: [N]\n"),
                     id="strict-warning"),
    ],
)
@pytest.mark.xdist_group("good-site")  # one worker builds good_site, once
def test_a_failed_build_leaves_the_previous_site_byte_for_byte(tmp_path: Path, project: Project, good_site: Path,
                                                               break_input) -> None:
    site = tmp_path / "site"
    shutil.copytree(good_site, site)
    before = snapshot(site)
    assert len(before) > 50
    break_input(project)
    _, second = built(tmp_path, project)
    assert second.returncode != 0
    assert snapshot(site) == before


# -- empty or missing data files ---------------------------------------------------------


@pytest.mark.parametrize("name", ["data/speakers.yml", "data/delegations.yml", "data/themes.yml",
                                  "data/documents.yml", "data/bodies.yml", MEETING_FILE, CORRECTIONS_FILE])
def test_an_empty_data_file_is_named_not_a_traceback(project: Project, name: str) -> None:
    project.path(name).write_text("", encoding="utf-8")
    has_problem(project.problems(), file=name, line=1, says=["the file is empty"])


@pytest.mark.parametrize("name", ["data/speakers.yml", "data/themes.yml", "data/documents.yml", "data/bodies.yml",
                                  MEETING_FILE])
def test_a_missing_data_file_is_named(project: Project, name: str) -> None:
    project.path(name).unlink()
    has_problem(project.problems(), file=name, line=None, says=["cannot be read"])


def test_no_meeting_at_all_says_how_to_add_one(project: Project) -> None:
    shutil.rmtree(project.path("data/meetings"))
    only_problem(project, file="data/meetings", line=None, says=["no meeting", "make import"])
