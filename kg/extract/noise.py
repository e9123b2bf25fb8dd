"""Lines of news pages that are not the story: extraction reads none of them.

``kg.corpus.boilerplate`` finds promo, sharing and comment lines at ingest time; this
module adds what news pages carry around the story and that reads like text: bylines
("By Sophie Lambert"), wire credits ("(Reporting by …; Editing by …)", "… contributed to
this report"), cross-links ("Also on Reuters: …", "Watch: …", "Read more opinion: …") and
the link titles listed under a "Related coverage:" line, sign-up and event ads,
press-office contacts ("From: …", "Media contacts:", "Minister's office: 02 …"), end
marks ("ENDS", "###") and opinion disclaimers. Every rule is anchored on the whole line.
"""

from __future__ import annotations

import re

_RULES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b.*\)?$",
        r"^.{0,120}\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\.?$",
        r"^(?:also\s+(?:on|read|see)|read\s+more|more\s+on|related|watch|listen|video|"
        r"podcast|opinion|analysis|explainer|factbox|graphic|photos?)\b[^:]{0,40}:.*$",
        r"^(?:advertisement|sponsored|promoted|ad)\b\s*[:|–—-].*$",
        r"^(?:sign\s+up|subscribe|join\s+our|register\s+(?:now|here|for|today)|"
        r"get\s+our|newsletter)\b.*$",
        r"^.{0,80}\bsubscribers\s+can\b.*$",
        r"^(?:ends|###|-\s*30\s*-|—\s*ends\s*—)$",
        r"^(?:media\s+)?(?:contacts?|enquiries|press\s+office|from|published|last\s+updated)"
        r"\s*:.*$",
        r"^[\w .'’-]{1,60}\boffice\s*:\s*[+\d][\d ()+-]{5,}$",
        r"^.{0,160}\bthe\s+views\s+expressed\s+(?:here\s+)?are\b.*$",
        # exchange-announcement sign-offs ("authorised for release by the Board of …")
        r"^.{0,60}\bauthori[sz]ed\s+for\s+(?:release|lodgement|lodgment)\s+by\b.*$",
        r"^briefings?\s*(?:&|and)\s*statements$",
        # copyright and rights lines
        r"^(?:©|\(c\)\s|copyright\b).*$",
        r"^.{0,200}\ball\s+rights\s+reserved\.?$",
        # photo captions and credits ("REUTERS/Jane Doe", "Photo: …", "(Getty Images)")
        r"^(?:photo|photograph|image|picture|file\s+photo|caption|credit|pictured|gallery|"
        r"in\s+pictures|live|more|recommended|see\s+also|further\s+reading|most\s+read|"
        r"trending|top\s+stories|latest|download|click|share|tweet|follow\s+us|email)"
        r"\b[^:|]{0,40}[:|].*$",
        r"^.{0,300}\b[A-Z]{2,}(?:\s+[A-Z]{2,})?/[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}\)?\.?$",
        r"^.{0,200}\((?:photo|image|picture)s?\s*(?:credit)?\s*:?[^)]*\)$",
        r"^.{0,200}\|\s*(?:getty\s+images|reuters|afp|ap\s+photo|bloomberg)\s*$",
        # sharing bars and one-word promo lines
        r"^(?:share\s+(?:on|this|via)|copy\s+link|print\s+this|email\s+this)\b.*$",
        r"^(?:advertisement|sponsored(?:\s+content)?|promoted|ad|advert)\s*$",
    )
]
# an ALL-CAPS section label ("MORE FROM REUTERS", "TOP STORIES"): no lowercase letter,
# no sentence end; datelines ("BEIJING, Feb. 5") and fact-box rows carry lowercase
_CAPS_LABEL = re.compile(r"^[^a-z.!?]{3,60}$")
_BYLINE = re.compile(r"^[Bb]y\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*,.{0,80})?$")
_LIST_HEAD = re.compile(
    r"^(?:related(?:\s+\w+)?|also\s+on\b.{0,30}|more\s+on\b.{0,40}|more\s+from\b.{0,30}|"
    r"read\s+more|see\s+also|recommended(?:\s+\w+)?|most\s+read|top\s+stories|"
    r"further\s+reading|you\s+may\s+also\s+like)\s*:?\s*$",
    re.IGNORECASE,
)
_MAX_LINE = 300


def noise_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-story line; link lists run to the next blank line."""
    spans: list[tuple[int, int]] = []
    offset = 0
    in_list = False
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        stripped = line.strip()
        end = offset + len(line)
        if not stripped:
            in_list = False
        elif in_list or is_noise_line(stripped):
            spans.append((offset, end))
            in_list = in_list or bool(_LIST_HEAD.match(stripped))
        offset += len(raw)
    return spans


def is_noise_line(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > _MAX_LINE:
        return False
    if _LIST_HEAD.match(text) or (_CAPS_LABEL.match(text) and any(c.isalpha() for c in text)):
        return True
    return bool(_BYLINE.match(text)) or any(rule.match(text) for rule in _RULES)
