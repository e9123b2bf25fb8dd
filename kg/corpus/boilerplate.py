"""Find boilerplate lines (promo links, share/reply prompts, newsletter and ad lines).

Boilerplate stays in the stored text so that evidence offsets never shift; extraction asks
:func:`boilerplate_spans` which lines to skip. A line is boilerplate when, after trimming
whitespace and list bullets, it

* is exactly a widget label ("Share", "Advertisement", "Leave a Reply", "Read next", ...);
* starts with a cross-link cue followed by a separator and a link title
  ("Don't miss: …", "🔗 Read more: …", "Related: …", "See also – …");
* starts with a pictograph or arrow and then a cue ("✨ Don't miss …", "👉 Also read …"),
  or is a short arrow-led link line ("➡️ How the price floor works");
* is a newsletter, social-sharing, comment-form, copyright or listed-company disclosure
  ("authorised for release by the Board") line.

Ordinary sentences that merely contain "share", "read" or "ad" are not boilerplate: every
rule is anchored at the start of the line and needs the cue's exact shape.
"""

from __future__ import annotations

import re
import unicodedata

_MAX_PROMO_LINE = 300  # promo and widget lines are short; long paragraphs are content

_CUES = (
    r"don'?t\s+miss|do\s+not\s+miss|read\s+more|read\s+also|also\s+read|read\s+next|"
    r"see\s+also|related(?:\s+(?:articles?|posts?|stories|story|news|reading|coverage))?|"
    r"recommended(?:\s+(?:for\s+you|reading|stories|articles?))?|"
    r"you\s+(?:might|may)\s+(?:also\s+)?(?:like|enjoy)|more\s+from\s+[\w .&'-]{1,40}|"
    r"must[\s-]+read|trending(?:\s+now)?|editor'?s\s+picks?|check\s+(?:this\s+)?out|"
    r"up\s+next|watch(?:\s+now)?|listen(?:\s+now)?|popular(?:\s+now)?|"
    r"more\s+(?:stories|news|coverage|on\s+this(?:\s+story)?)|further\s+reading|"
    r"suggested(?:\s+(?:reading|articles?|for\s+you))?"
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})

# Cue + separator + link title: "Read more: …", "Related — …".
_CUE_WITH_TITLE = re.compile(rf"^(?:{_CUES})\s*[:|>»–—-]\s*\S", re.IGNORECASE)
# After a pictograph or arrow the separator is optional: "✨ Don't miss this …".
_CUE_AFTER_MARK = re.compile(rf"^(?:{_CUES})\b", re.IGNORECASE)

_WIDGET_LABELS = re.compile(
    r"^(?:share(?:\s+(?:this|the|on)(?:\s+(?:article|story|post|page|facebook|twitter|x|"
    r"linkedin|whatsapp|reddit|email))?)?|tweet|print|e-?mail|"
    r"advertisement|advertisements|ad|ads|sponsored(?:\s+content)?|paid\s+content|promoted|"
    r"story\s+continues\s+below(?:\s+(?:this\s+)?advertisement)?|"
    r"scroll\s+to\s+continue(?:\s+with\s+content)?|continue\s+reading(?:\s+below)?|"
    r"leave\s+a\s+(?:reply|comment)(?:\s+cancel\s+reply)?|cancel\s+reply|post\s+comment|"
    r"comments?(?:\s*\(\d+\))?|\d+\s+comments?|no\s+comments(?:\s+yet)?|"
    r"read\s+next|up\s+next|related|related\s+(?:articles?|posts?|stories|news|reading)|"
    r"recommended(?:\s+(?:for\s+you|reading|stories))?|"
    r"you\s+(?:might|may)\s+(?:also\s+)?like|more\s+stories|most\s+(?:read|popular)|"
    r"newsletter|subscribe(?:\s+now)?|sign\s+up|follow\s+us|tags?|"
    r"(?:name|email|website|comment)\s*\*?)\s*[:.!]?\s*(?:\d+)?$",
    re.IGNORECASE,
)

_SENTENCE_RULES = [
    # newsletters and sign-up prompts
    re.compile(
        r"^(?:sign\s+up|subscribe|join|get|register)\b.{0,80}\b(?:newsletter|inbox|"
        r"daily\s+briefing|updates\s+by\s+email)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^.{0,80}\bdelivered\s+(?:straight\s+|directly\s+)?to\s+your\s+inbox\b", re.I),
    re.compile(r"^enter\s+your\s+e-?mail(?:\s+address)?\b", re.IGNORECASE),
    # social sharing
    re.compile(
        r"^(?:click\s+to\s+)?share\s+(?:this\s+\w+\s+)?(?:on|via|with)\s+"
        r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|telegram|email|pinterest)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^tags?\s*:\s*\S", re.IGNORECASE),
    re.compile(r"^follow\s+us\s+on\s+\w+", re.IGNORECASE),
    re.compile(
        r"^(?:(?:facebook|twitter|x|linkedin|whatsapp|reddit|telegram|email|pinterest|copy\s+link)"
        r"[\s|,·•/]*){2,}$",
        re.IGNORECASE,
    ),
    # comment forms
    re.compile(r"^your\s+e-?mail\s+address\s+will\s+not\s+be\s+published\b", re.IGNORECASE),
    re.compile(r"^required\s+fields\s+are\s+marked\b", re.IGNORECASE),
    re.compile(r"^save\s+my\s+name,\s+e-?mail,?\s+and\s+website\b", re.IGNORECASE),
    re.compile(r"^you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment\b", re.IGNORECASE),
    # listed-company disclosure footers ("This announcement was authorised for release by …")
    re.compile(
        r"^(?:this\s+(?:announcement|release|document|market\s+release)\s+"
        r"(?:was|has\s+been|is)\s+)?(?:authori[sz]ed|approved)\s+for\s+(?:release|lodge?ment)"
        r"(?:\s+to\s+the\s+\w+)?\s+by\b",
        re.IGNORECASE,
    ),
    # copyright and ads
    re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?:©\s*)?(?:\d{4}|[A-Z])", re.IGNORECASE),
    re.compile(r"^.{0,120}\ball\s+rights\s+reserved\.?$", re.IGNORECASE),
    re.compile(r"^(?:advertisement|sponsored|ad)\s*[:|–—-]\s*\S", re.IGNORECASE),
]

_LINE_ENDS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_ARROWS = "👉➡→⇒»▶►☞⤷"
_BULLETS = "-*•·–—▪◦‣"


def _is_mark(char: str) -> bool:
    """A pictograph, dingbat or arrow that promo lines start with (✨ 🔗 💡 👉 📌 …)."""
    if char in _ARROWS:
        return True
    category = unicodedata.category(char)
    return category == "So" or (category == "Sk" and ord(char) > 0x2000)


def _strip_marks(text: str) -> tuple[str, bool, bool]:
    """Text after leading pictographs/arrows; whether there were any; whether an arrow."""
    i = 0
    arrow = False
    while i < len(text) and (_is_mark(text[i]) or text[i] in "\ufe0f\u200d " or text[i] in "]["):
        arrow = arrow or text[i] in _ARROWS
        i += 1
    return text[i:], i > 0, arrow


def is_boilerplate_line(line: str) -> bool:
    """True when the whole line is promo, cross-link, sharing, newsletter, ad or comment UI."""
    text = line.strip().translate(_APOSTROPHES)
    if not text or len(text) > _MAX_PROMO_LINE:
        return False
    text = text.lstrip(_BULLETS).strip()
    rest, marked, arrow = _strip_marks(text)
    rest = rest.strip()
    if not rest:
        return False
    if marked:
        if _CUE_AFTER_MARK.match(rest) or _WIDGET_LABELS.match(rest):
            return True
        if arrow and len(rest) <= 160 and not rest.endswith((".", "?", "!", '"', "”")):
            return True  # "👉 How the price floor works" — a bare link title
    if _WIDGET_LABELS.match(rest) or _CUE_WITH_TITLE.match(rest):
        return True
    return any(rule.match(rest) for rule in _SENTENCE_RULES)


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of whole boilerplate lines; the text itself is never changed."""
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if is_boilerplate_line(line):
            spans.append((offset, offset + len(line.rstrip(_LINE_ENDS))))
        offset += len(line)
    return spans
