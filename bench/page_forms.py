"""The forms of a review page as a browser would send them (stdlib html.parser only).

`forms(html)` -> {action: {field name: value}} for every <form method="post">: hidden and
text inputs with their values, checked checkboxes, textareas with their text, selects
with their selected option. A client that posts such a dict back, with one field
changed, sends what a person pressing the form's button sends (the CSRF token and the
version the editor opened included).
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, dict[str, str]] = {}
        self._form: dict[str, str] | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: (value or "") for name, value in attrs}
        if tag == "form":
            if attributes.get("method", "get").lower() == "post":
                self._form = self.found.setdefault(unescape(attributes.get("action", "")), {})
            return
        if self._form is None:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self._form[name] = attributes.get("value", "on")
            elif kind not in ("submit", "button", "image", "file", "reset"):
                self._form[name] = attributes.get("value", "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select = name
            self._form.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attributes:
            self._form[self._select] = attributes.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            # a textarea's first newline belongs to the markup, not to the text
            self._form[self._textarea] = "".join(self._text).removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def forms(html: str) -> dict[str, dict[str, str]]:
    """Every POST form of the page by its action (as written in the page)."""
    parser = _Forms()
    parser.feed(html)
    parser.close()
    return parser.found


def form_ending(html: str, suffix: str) -> tuple[str, dict[str, str]]:
    """The one POST form whose action ends with `suffix` (e.g. "/selitys/");
    LookupError naming the actions found when there is none."""
    found = forms(html)
    for action, fields in found.items():
        if action.split("?", 1)[0].endswith(suffix):
            return action, dict(fields)
    raise LookupError(f"no form ending in {suffix} among {sorted(found)}")
