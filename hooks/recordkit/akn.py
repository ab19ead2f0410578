"""The record as an Akoma Ntoso 3.0 `debate` document (OASIS LegalDocML), built with the standard library.

The `eId` of every part and paragraph is its anchor on the site (`#p-sg-statement`),
so a citation of the web page and of the XML point at the same thing. The
references (speakers, roles, themes) get kind-prefixed eIds instead: eIds must be
unique in the whole document, and a speaker can share an id with a part (the
collective speaker `member-states` and the part `member-states`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from . import urls as paths
from .model import DECISION_RESULTS, VOTE_POSITIONS, Corpus, Meeting, Paragraph, Part, Speaker
from .slug import slugify
from .urls import SiteUrls

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# AKN counts a vote (`voting` > `count`) but has no element for who voted how; a count may hold
# elements of another namespace: each delegation's vote is a `voter` of ours, referring to its TLCOrganization.
VOTES_NAMESPACE = "urn:x-un-meeting-records:votes:1"
EDITORS = "editors"
# A sentence ends after a lower-case word, so "H.E. Mrs. Laura" or "A/78/665." do not end one.
_SENTENCE_END = re.compile(r"(?<=[a-z]{3}[.!?])\s+(?=[A-Z\"“(])")


def person_eid(speaker_id: str) -> str:
    return f"person-{speaker_id}"


def role_eid(role_id: str) -> str:
    return f"role-{role_id}"  # also the anchor of the role on the speakers index


def concept_eid(theme_id: str) -> str:
    return f"theme-{theme_id}"


def delegation_eid(delegation_id: str) -> str:
    return f"delegation-{delegation_id}"


def position_eid(position: str) -> str:
    return f"vote-{position.replace('_', '-')}"  # "vote-in-favour"


def result_eid(result: str) -> str:
    return f"result-{result}"


def _generated_on() -> dt.date:
    """The manifestation's date: SOURCE_DATE_EPOCH when set, for reproducible builds; else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attributes)
    element.text = text
    return element


def _frbr(parent: ET.Element, level: str, this: str, uri: str, date: dt.date, date_name: str,
          author: str) -> ET.Element:
    element = _sub(parent, level)
    _sub(element, "FRBRthis", value=this)
    _sub(element, "FRBRuri", value=uri)
    _sub(element, "FRBRdate", date=date.isoformat(), name=date_name)
    _sub(element, "FRBRauthor", href=f"#{author}")
    return element


def _identification(meta: ET.Element, meeting: Meeting) -> None:
    body = meeting.body  # a body id is a slug: "general-assembly"
    date = meeting.date.isoformat()
    # AKN naming convention: /akn/<jurisdiction>/<doc type>/<actor>/<date>/<number>; "un" for the United Nations.
    work = f"/akn/un/debate/{body}/{date}/{meeting.id}"
    expression = f"{work}/eng@{date}"
    identification = _sub(meta, "identification", source=f"#{EDITORS}")
    frbr_work = _frbr(identification, "FRBRWork", f"{work}/!main", work, meeting.date, "meeting", body)
    _sub(frbr_work, "FRBRcountry", value="un")
    _sub(frbr_work, "FRBRname", value=meeting.title)
    frbr_expression = _frbr(identification, "FRBRExpression", f"{expression}/!main", expression, meeting.date,
                            "meeting", body)
    _sub(frbr_expression, "FRBRlanguage", language="eng")
    _frbr(identification, "FRBRManifestation", f"{expression}/!main.xml", f"{expression}.akn", _generated_on(),
          "generation", EDITORS)


def _references(meta: ET.Element, record: _Record, publisher: str) -> None:
    corpus, meeting, urls = record.corpus, record.meeting, record.urls
    references = _sub(meta, "references", source=f"#{EDITORS}")
    body = corpus.body_of(meeting)
    _sub(references, "TLCOrganization", eId=body.id, href=f"/akn/ontology/organization/un/{body.id}",
         showAs=body.name)
    _sub(references, "TLCOrganization", eId=EDITORS, href=urls.absolute(urls.page(paths.HOME)),
         showAs=publisher)
    # The collective speaker ("Member States and Observers") is declared as a
    # TLCPerson too: AKN's `by` names whoever holds the floor, and the record
    # reports the floor's interventions as one voice.
    for speaker_id in meeting.participants:
        speaker = corpus.speakers[speaker_id]
        _sub(references, "TLCPerson", eId=person_eid(speaker.id), href=urls.absolute(urls.speaker(speaker.id)),
             showAs=speaker.name)
    for role_id in dict.fromkeys(meeting.participants.values()):
        role = corpus.roles[role_id]
        _sub(references, "TLCRole", eId=role_eid(role.id),
             href=urls.absolute(urls.page(paths.SPEAKERS_INDEX)) + f"#{role_eid(role.id)}", showAs=role.label)
    for theme in corpus.themes_in(meeting.paragraphs):
        _sub(references, "TLCConcept", eId=concept_eid(theme.id), href=urls.absolute(urls.theme(theme.id)),
             showAs=theme.label)
    votes = meeting.votes
    voters = dict.fromkeys(d for vote in votes for _, voted in vote.positions() for d in voted)
    for delegation_id in voters:
        _sub(references, "TLCOrganization", eId=delegation_eid(delegation_id),
             href=urls.absolute(urls.delegation(delegation_id)), showAs=corpus.delegations[delegation_id].name)
    if votes:
        for position, label in VOTE_POSITIONS.items():
            _sub(references, "TLCConcept", eId=position_eid(position), href=f"/akn/ontology/concept/un/{position}",
                 showAs=label)
        for result in dict.fromkeys(vote.result for vote in votes):
            _sub(references, "TLCConcept", eId=result_eid(result), href=f"/akn/ontology/concept/un/{result}",
                 showAs=DECISION_RESULTS[result])


def _analysis(meta: ET.Element, record: _Record) -> None:
    """The meeting's votes: each a `voting` pointing at the paragraph stating its outcome, with a
    `count` per position holding each delegation's vote (VOTES_NAMESPACE)."""
    votes = [vote for vote in record.meeting.votes if vote.tally is not None]
    if not votes:
        return
    parliamentary = _sub(_sub(meta, "analysis", source=f"#{EDITORS}"), "parliamentary")
    for vote in votes:
        voting = _sub(parliamentary, "voting", eId=f"vote_{vote.id}", href=f"#{vote.paragraph}",
                      outcome=f"#{result_eid(vote.result)}")
        listed = dict(vote.positions())
        for position in VOTE_POSITIONS:
            count = _sub(voting, "count", eId=f"vote_{vote.id}__{position}",
                         value=str(getattr(vote.tally, position)), refersTo=f"#{position_eid(position)}")
            for delegation_id in listed.get(position, ()):
                ET.SubElement(count, f"{{{VOTES_NAMESPACE}}}voter", {"refersTo": f"#{delegation_eid(delegation_id)}"})


def _speech(parent: ET.Element, record: _Record, speaker: Speaker, eid: str) -> ET.Element:
    role = record.meeting.participants[speaker.id]
    return _sub(parent, "speech", eId=eid, by=f"#{person_eid(speaker.id)}", **{"as": f"#{role_eid(role)}"})


def _fill_speech(speech: ET.Element, speaker: Speaker, text: str) -> None:
    _sub(speech, "from", speaker.full_name)
    _sub(speech, "p", text)


def split_turns(paragraph: Paragraph, speakers: list[Speaker]) -> list[str] | None:
    """The paragraph's text cut where each later speaker's turn begins: at the start of the
    sentence that first names them. None when the text does not name them in order."""
    starts = [0]
    for speaker in speakers[1:]:
        named = paragraph.text.find(speaker.name, starts[-1])
        if named < 0:
            return None
        boundaries = [m.end() for m in _SENTENCE_END.finditer(paragraph.text, starts[-1], named)]
        if not boundaries:
            return None
        starts.append(boundaries[-1])
    ends = [*starts[1:], len(paragraph.text)]
    return [paragraph.text[start:end].strip() for start, end in zip(starts, ends, strict=True)]


def _paragraph(parent: ET.Element, record: _Record, paragraph: Paragraph) -> None:
    element = _paragraph_element(parent, record, paragraph)
    if paragraph.themes:  # refersTo is a list of references: the paragraph's themes
        element.set("refersTo", " ".join(f"#{concept_eid(t)}" for t in paragraph.themes))


def _paragraph_element(parent: ET.Element, record: _Record, paragraph: Paragraph) -> ET.Element:
    speakers = [record.corpus.speakers[s] for s in paragraph.speakers]
    if not speakers:
        # A third-person account (who convened the meeting, who spoke), a decision or a
        # stage note: AKN's `narrative`, which holds inline content only. Its number
        # goes on a debateSection around it, which carries the paragraph's eId.
        section = _sub(parent, "debateSection", eId=paragraph.id, name=paragraph.kind)
        _sub(section, "num", f"{paragraph.number}.")
        _sub(section, "narrative", paragraph.text)
        return section
    if len(speakers) == 1:
        speech = _speech(parent, record, speakers[0], paragraph.id)
        _sub(speech, "num", f"{paragraph.number}.")
        _fill_speech(speech, speakers[0], paragraph.text)
        return speech
    # One paragraph of the summary reporting several speakers in turn (the
    # panel's opening: the moderator, then the first panellist). The record
    # cites and links it as one paragraph, so it stays one element with the
    # paragraph's eId and number: a `speechGroup`, whose by/as are those of
    # the first speaker (AKN: "the main contributor"), holding one `speech`
    # per speaker, so each statement keeps its own by/as. The text is cut,
    # never changed, at the sentence that first names the next speaker.
    group = _sub(parent, "speechGroup", eId=paragraph.id, by=f"#{person_eid(speakers[0].id)}",
                 **{"as": f"#{role_eid(record.meeting.participants[speakers[0].id])}"})
    _sub(group, "num", f"{paragraph.number}.")
    turns = split_turns(paragraph, speakers)
    if turns is None:
        # The text does not name the speakers in order: keep it whole rather than
        # attribute a sentence to the wrong speaker; the group's by/as name the first.
        _sub(group, "p", paragraph.text)
        return group
    for index, (speaker, text) in enumerate(zip(speakers, turns, strict=True), start=1):
        speech = _speech(group, record, speaker, f"{paragraph.id}__speech_{index}")
        _fill_speech(speech, speaker, text)
    return group


def _section(body: ET.Element, record: _Record, part: Part) -> None:
    element = _sub(body, "debateSection", eId=part.id, name=part.id)
    _sub(element, "num", f"{part.number or record.meeting.parts.index(part.id) + 1}.")
    _sub(element, "heading", part.title)
    for paragraph in part.paragraphs:
        _paragraph(element, record, paragraph)


@dataclass(frozen=True)
class _Record:
    corpus: Corpus
    meeting: Meeting
    urls: SiteUrls


def akn_tree(corpus: Corpus, meeting: Meeting, urls: SiteUrls, *, publisher: str) -> ET.Element:
    record = _Record(corpus, meeting, urls)
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("votes", VOTES_NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}akomaNtoso")
    debate = _sub(root, "debate", name=slugify(meeting.meeting_type))
    meta = _sub(debate, "meta")
    _identification(meta, meeting)
    _analysis(meta, record)
    _references(meta, record, publisher)
    preface = _sub(debate, "preface")
    for index, block in enumerate(meeting.front):
        # The record's own heading lines: the first names the document's type, the rest its title.
        _sub(_sub(preface, "p"), "docType" if index == 0 else "docTitle", block)
    body = _sub(debate, "debateBody")
    for part in meeting.sections:
        _section(body, record, part)
    return root


def akn_document(corpus: Corpus, meeting: Meeting, urls: SiteUrls, *, publisher: str) -> bytes:
    root = akn_tree(corpus, meeting, urls, publisher=publisher)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
