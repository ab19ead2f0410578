"""The template layer: recordkit's own Jinja2 environment, escaping by default.

Pages are Markdown with HTML blocks: headings stay Markdown (so `toc` gives
them permalinks and the TOC lists them); everything else is HTML written by
the templates in templates/, where every value is escaped unless it is
`Markup` built here (a paragraph's text with its document links). A designer
changes a page's markup in its template; no HTML is assembled in Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .urls import relative_url

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def markdown_text(text: str) -> Markup:
    """Text for a Markdown heading: escaped for HTML, then for Markdown, so it shows as written."""
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", str(escape(text))))


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("recordkit", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,  # a misspelt name fails the build instead of printing nothing
    )
    env.filters["md"] = markdown_text
    return env


def linker_for(here: str) -> Callable[[str], str]:
    """`to(url)` for the templates: a site-root URL as seen from the page at `here`."""
    return lambda target: relative_url(here, target)


def render(env: Environment, template: str, *, here: str, **context: Any) -> str:
    return env.get_template(template).render(to=linker_for(here), **context)
