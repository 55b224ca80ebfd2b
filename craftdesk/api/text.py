"""sevDesk's HTML text fields as plain text (SPEC H5).

sevDesk stores some free texts (a contact's description, a part's text) as HTML from its
editor. craftdesk shows text, never markup: such a field becomes its text with line breaks
where the paragraphs and breaks were; entities are decoded. Text without HTML tags is kept
as it is (a "<" in "Preis < 100 €" is text).
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_HTML_TAG = re.compile(
    r"<\s*/?\s*(p|br|div|span|b|i|u|s|strong|em|ul|ol|li|h[1-6]|table|thead|tbody|tr|td|th|a|"
    r"font|img|blockquote|pre|hr|sub|sup|small|big|center|code)\b[^>]*>",
    re.IGNORECASE,
)
# What is left of a text the HTML parser refuses: its tags and the openers of marked
# sections ("<![foo[") dropped, breaks kept, every other character kept as text.
_ANY_TAG = re.compile(r"<!\[[^\[<>]*\[|<[^<>]*>")
_BREAK = re.compile(r"<\s*/?\s*(br|p|div|li|tr|h[1-6])\b", re.IGNORECASE)
_BLOCKS = {
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "br" or tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_TAG.search(text))


def html_to_text(text: str) -> str:
    """The text of an HTML fragment (unchanged when it holds no HTML tags)."""
    if not text or not looks_like_html(text):
        return text
    parser = _Text()
    try:
        parser.feed(text)
        parser.close()
        parts = parser.parts
    except Exception:  # markup the parser gives up on ("<![foo[") is still just a text
        parts = [_ANY_TAG.sub(lambda m: "\n" if _BREAK.match(m.group()) else "", text)]
    joined = unescape("".join(parts)).replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in joined.splitlines()]
    result: list[str] = []
    for line in lines:  # no runs of empty lines where paragraphs met
        if line or (result and result[-1]):
            result.append(line)
    return "\n".join(result).strip()


def plain_text(text: str) -> str:
    """H5: sevDesk's HTML as its text; a text without "<" holds no tag (the fast path)."""
    return text if "<" not in text else html_to_text(text)
