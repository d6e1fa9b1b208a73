"""Values from outside are data, never markup: the one escaping helper.

Streamlit renders Markdown in ``st.markdown``, ``st.caption``, ``st.error``/``warning``/
``info``/``success``, widget labels and help texts, and its Markdown knows more than
CommonMark: ``:red[text]`` colours, ``:material/icon:`` icons, ``:smile:`` emoji, ``$x$``
LaTeX, GitHub-style autolinks (``https://…``), images and links. A scenario name, a note,
a ``?whatif=`` value, a file name, a region name or any value from a file can carry any of
them. :func:`plain` makes such text show as typed: every character Markdown, Streamlit's
directives or LaTeX give a meaning to is backslash-escaped, and line breaks become spaces
(one value never becomes a list, a heading or a quote).

Use it on every untrusted piece *before* it is put into a translated template, never on the
template itself (which is our own Markdown).
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark, and an escaped
# one is a literal character: no link, image, emphasis, code, heading, list, table, HTML,
# directive (:color[], :material/…:), emoji shortcode or LaTeX ($) can start from it.
_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~:$&@")
_BREAKS = frozenset("\r\n\t\v\f\u0085\u2028\u2029")


# Streamlit also turns bare addresses into links (GitHub's autolink literals: ``http://…``,
# ``www.…``, ``name@host``) and ``:material/name:`` into icons, escaped or not. An invisible
# WORD JOINER (U+2060) after every colon, inside ``www.`` and before ``@`` stops both; the
# text reads the same.
_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=:)|(?<=www)(?=\.)|(?=@)")


def plain(value: object, *, limit: int | None = None) -> str:
    """``value`` as text that Streamlit's Markdown shows literally.

    Parameters
    ----------
    value
        Anything; ``str(value)`` is escaped.
    limit
        Cut the text to this many characters (before escaping) with an ellipsis.
    """
    text = str(value)
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)] + "…"
    out: list[str] = []
    for ch in _AUTOLINK.sub(_JOINER, text):
        if ch in _BREAKS or ord(ch) < 32 or ord(ch) == 0x7F:
            out.append(" ")
        elif ch in _SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)
