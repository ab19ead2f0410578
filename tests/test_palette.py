"""Material's palette stylesheet is cut to the colours the site uses (recordkit.palette)."""

from __future__ import annotations

from pathlib import Path

from recordkit.palette import PALETTE_GLOB, cut_palette_css, used_colours

MATERIAL_LIKE = (
    "@media screen{[data-md-color-scheme=slate]{color-scheme:dark;--md-hue:225deg}}"
    "[data-md-color-switching] *{transition:none!important}"
    "[data-md-color-primary=red]{--md-primary-fg-color:#ef5350}"
    "[data-md-color-accent=indigo]{--md-accent-fg-color:#526cfe}"
    "@media screen and (min-width:60em){[data-md-color-primary=red] .md-search__form{background:red}}"
    "@media screen and (min-width:60em){[data-md-color-primary=indigo] .md-tabs{background:blue}}"
    "/*# sourceMappingURL=palette.css.map*/"
)


def test_the_scheme_and_the_colours_in_use_stay_the_others_go() -> None:
    cut = cut_palette_css(MATERIAL_LIKE, {"indigo"})
    assert cut == (
        "@media screen{[data-md-color-scheme=slate]{color-scheme:dark;--md-hue:225deg}}"
        "[data-md-color-switching] *{transition:none!important}"
        "[data-md-color-accent=indigo]{--md-accent-fg-color:#526cfe}"
        "@media screen and (min-width:60em){[data-md-color-primary=indigo] .md-tabs{background:blue}}"
    )


def test_colours_are_read_from_one_palette_entry_or_a_list() -> None:
    assert used_colours({"primary": "Deep Purple", "accent": "amber"}) == {"deep-purple", "amber"}
    assert used_colours([{"scheme": "default", "primary": "custom"}, {"scheme": "slate", "accent": "custom"}]) == {
        "custom"}
    assert used_colours([]) == set()


def test_the_built_palette_keeps_the_dark_scheme_and_no_named_colour(site_dir: Path) -> None:
    (palette,) = site_dir.glob(PALETTE_GLOB)
    css = palette.read_text(encoding="utf-8")
    assert "[data-md-color-scheme=slate]" in css and "[data-md-color-switching]" in css
    assert "data-md-color-primary=" not in css and "data-md-color-accent=" not in css  # the site's are `custom`
    assert "sourceMappingURL" not in css
    assert len(css) < 4000, len(css)  # Material's whole file is ~12,000 bytes
