"""The one-scan search for correction originals (recordkit.fidelity) agrees with a plain search.

It replaced one `str.count` and one `str.replace` per correction, which scan
the whole source each: quadratic once corrections grow with the record.
"""

from __future__ import annotations

import itertools
import random

from recordkit import fidelity


def brute_force_count(text: str, needle: str) -> int:
    return sum(1 for start in range(len(text)) if text.startswith(needle, start))


def sequential_replace(text: str, corrections: list[tuple[str, str]]) -> str:
    for original, corrected in corrections:
        text = text.replace(original, corrected, 1)
    return text


def test_occurrences_counts_every_needle_with_overlaps_and_prefixes() -> None:
    text = "the upcoming\n\nSummit of the Future; the Summit; aaa (SIDS)"
    needles = ["Summit", "Summit of", "upcoming\n\nSummit", "aa", "(SIDS)", "absent", "the"]
    counts = fidelity.occurrences(text, needles)
    assert counts == {needle: brute_force_count(text, needle) for needle in needles}
    assert counts["aa"] == 2 and counts["Summit"] == 2 and counts["absent"] == 0


def test_occurrences_and_corrections_match_a_plain_search_on_random_texts() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choice("ab c\n") for _ in range(rng.randint(0, 50)))
        needles = list({"".join(rng.choice("ab c\n") for _ in range(rng.randint(1, 4))) for _ in range(4)})
        counts = fidelity.occurrences(text, needles)
        assert counts == {needle: brute_force_count(text, needle) for needle in needles}
        if all(counts[n] == 1 for n in needles):
            spans = sorted((text.index(n), text.index(n) + len(n)) for n in needles)
            if all(end <= start for (_, end), (start, _) in itertools.pairwise(spans)):  # the valid case
                corrections = [(n, f"<{n.upper()}>") for n in needles]
                assert fidelity.apply_corrections(text, corrections) == sequential_replace(text, corrections)


def test_a_repeated_original_is_corrected_at_successive_occurrences_in_order() -> None:
    text = "cochair and cochair"
    corrections = [("cochair", "co-chair"), ("cochair", "co‑chair")]
    assert fidelity.apply_corrections(text, corrections) == sequential_replace(text, corrections)


def test_a_source_block_matches_its_text_with_each_line_end_hyphen_kept_or_gone() -> None:
    block = "the Secretary-\nGeneral spoke of sustain-\n  ing peace,\nnot of\n\tother things"
    for published in ("the Secretary-General spoke of sustaining peace, not of other things",
                      "the SecretaryGeneral spoke of sustain-ing peace, not of other things",
                      "  the Secretary-General   spoke of sustaining peace,\nnot of other things "):
        assert fidelity.matches(block, published), published
    for published in ("the Secretary--General spoke of sustaining peace, not of other things",
                      "the Secretary-General spoke of sustaining peace, not of other",
                      "the Secretary-General spoke of sustaining peace, not of other things.",
                      "the Secretary General spoke of sustaining peace, not of other things",
                      "the Secretary-General spoke of sus-taining peace, not of other things"):
        assert not fidelity.matches(block, published), published
    assert fidelity.matches("a - b", "a - b") and not fidelity.matches("a - b", "a b")  # not a line end
