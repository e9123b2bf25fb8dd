"""Find boilerplate lines: the parts of a scraped news page that are not the story.

Boilerplate stays in the stored text so that evidence offsets never shift; extraction asks
:func:`boilerplate_spans` which lines to skip. :func:`line_reason` classifies one line and
says *why* (the name of the class that fired), so every decision can be explained:

``widget``      exactly a page label ("Share", "Advertisement", "Most read", "5 min read")
``link``        a cross-link or section cue with a separator ("Read more: …", "Also on X: …",
                "Watch: …", "Photo: …", "Sponsored by …")
``call``        a call to action: an imperative first verb of the sign-up/follow/read/
                download/register/… class *and* a reader-directed complement (our/your/us,
                here/now/today/free, newsletter/app/podcast/inbox, a handle or URL)
``credit``      bylines and credits ("By Jane Doe | March 3", "(Reporting by …; Editing
                by …)", "… contributed to this report", "Photo by X/Getty Images")
``time``        timestamps ("Updated 10:42 a.m. ET", "Published March 4, 2025")
``legal``       copyright, cookie, paywall, terms and forward-looking-statement lines
``promo``       ads, offers, webinars and events, trust-principle and disclaimer lines, and
                the outlet speaking of itself, its readers or its products outside a
                quotation ("reported to our desk", "available to subscribers", "readers like
                you", "This story was produced in partnership with …", "Every weekday we
                summarise …", "X Brief is published every weekday")
``social``      share bars, handles, e-mail and URL contact lines, pipe-separated menus
``bio``         author biographies ("Jane Doe is a reporter covering …")
``correction``  correction and editor's notes, the wire's "(Updates with …)" and "(Corrects …)"
``broadcast``   transcript and show furniture: "This transcript has been edited for …",
                guest lists, chapter marks "[00:12:31] …", stage directions "(Applause)",
                "END OF TRANSCRIPT", a show's air times
``filing``      filing and notice furniture: "Form 8-K", "Item 7.01 …", "RNS Number: …",
                codes and references alone, structured notice numbers ("SRO No.
                123(I)/2026"), "Issued by:", "Distribution:", "Page 1 of 2", "Annex II",
                inside-information and exchange disclaimers, what is forward-looking
``table``       a price table's heads and notes ("Metal   Close   Chg", "Prices as of 16:00
                GMT", "All prices in USD/t"); the rows with the figures are story text
``report``      a paper's page: "Cite this:", "Funding for this research …", "About the
                authors", file links "(PDF, 2 MB)"

Ordinary sentences that merely contain "share", "read" or "watch" are not boilerplate:
every lexical rule is anchored at the start of the line (or on the whole line), and the
fuzzy classes (``call``, ``bio``) are vetoed by the shape of reported speech — a line that
opens with a quotation mark or carries an attribution verb ("said", "told") is story text.

:func:`boilerplate_spans` adds two rules that need the whole page:

* *lists*: the lines under a link-list head ("Related coverage:", "More from X") up to the
  next blank line are link titles;
* *margins*: between the headline (the first non-blank line) and the first body paragraph,
  and after the last body paragraph, a line that does not read as a sentence (no sentence
  end, or fewer than six words) is page furniture — a byline, date, kicker, caption or link
  title. A body paragraph is a line that reads as a sentence and is not boilerplate itself.
  Bulleted rows (fact boxes) are kept.
* *story end*: after a line that closes the story (the wire's "(Reporting by …; Editing
  by …)", "###", "-30-", "ENDS", "(Concluded)", the copyright line) every line is page
  furniture or about the publisher, whatever its shape.

A call (``call``) is also found in a later sentence of the line ("For the latest news,
follow us on Telegram.", "Thanks for reading. Forward this email …"), and a few verbs open a
sentence only as an imperative to the reader (subscribe, sign up, register for, …), so they
need no reader-directed complement.
"""

from __future__ import annotations

import re
import unicodedata

_MAX_PROMO_LINE = 300  # promo and widget lines are short; long paragraphs are content

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_LINE_ENDS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_ARROWS = "👉➡→⇒»▶►☞⤷"
_BULLETS = "-*•·–—▪◦‣"
_I = re.IGNORECASE

# --- cross-link and section cues ---------------------------------------------------------
_CUES = (
    r"don'?t\s+miss|do\s+not\s+miss|read\s+more|read\s+also|also\s+read|read\s+next|"
    r"see\s+also|related(?:\s+(?:articles?|posts?|stories|story|news|reading|coverage|"
    r"topics|links|content|video|videos|podcasts?))?|"
    r"recommended(?:\s+(?:for\s+you|reading|stories|articles?|videos?))?|"
    r"you\s+(?:might|may)\s+(?:also\s+)?(?:like|enjoy)|more\s+from\s+[\w .&'-]{1,40}|"
    r"must[\s-]+read|trending(?:\s+now)?|editor'?s\s+picks?|check\s+(?:this\s+)?out|"
    r"up\s+next|watch(?:\s+now)?|listen(?:\s+now)?|popular(?:\s+now)?|"
    r"more\s+(?:stories|news|coverage|explainers?|analysis|features|videos?|podcasts?|briefs?|"
    r"guides?|opinion|insights?|on\s+this(?:\s+story)?)|further\s+reading|"
    r"suggested(?:\s+(?:reading|articles?|for\s+you))?|read|most\s+(?:popular|read|viewed|"
    r"shared)|explore(?:\s+more)?|(?:next|previous|prev)\s+(?:article|story|post)|"
    r"in\s+case\s+you\s+missed\s+it|what\s+to\s+read\s+next"
)
# Cue + separator + link title: "Read more: …", "Related — …".
_CUE_WITH_TITLE = re.compile(rf"^(?:{_CUES})\s*[:|>»–—-]\s*\S", _I)
# After a pictograph or arrow the separator is optional: "✨ Don't miss this …".
_CUE_AFTER_MARK = re.compile(rf"^(?:{_CUES})\b", _I)

# A short page-furniture noun label, optionally with a few more words, before a colon or
# bar: "Also on Mining Weekly: …", "Photo caption: …", "Partner content: …", "Credit: …".
_NOUN_HEADS = (
    r"also\s+(?:on|in|read|see)|more\s+(?:on|from|in)|related|video|videos|podcast|photos?|"
    r"photograph|image|picture|file\s+photo|caption|credits?|sources?|graphic|chart|map|"
    r"gallery|in\s+pictures|live|latest|sponsored|promoted|partner\s+content|"
    r"paid\s+(?:post|content)|advertisement|advertorial|ad|advert|webinar|event|newsletter|"
    r"contacts?|media\s+contacts?|enquiries|inquiries|press\s+office|from|published|posted|"
    r"first\s+published|last\s+updated|updated|tags?|topics|filed\s+under|correction|"
    r"more\s+(?:analysis|opinion|coverage|stories|news|reading)|media\s+relations|"
    r"(?:for\s+)?(?:further|more)\s+information|"
    r"clarification|editor'?s\s+note|disclosure|disclaimer|our\s+standards|"
    r"limited[\s-]+time\s+offer|special\s+offer|offer|most\s+read|trending|top\s+stories|"
    r"see\s+also|further\s+reading|recommended|up\s+next|tips?|data|events?|"
    r"above|below|pictured|inset|(?:main|top|lead|header)\s+image|coming\s+up|"
    r"free\s+(?:report|guide|download|e-?book)|notes?\s+(?:to|for)\s+editors?|"
    # a conference call's operator speaks only to run the call
    r"operator"
)
_NOUN_LABEL = re.compile(rf"^(?:{_NOUN_HEADS})\b[^:|.?!\d]{{0,40}}[:|]", _I)
# An imperative cue takes at most one more word before its colon ("Watch:", "Read more
# opinion:", "Listen now:"); "Watch the price floors: …" is a sentence.
_VERB_LABEL = re.compile(
    r"^(?:read\s+more|watch|listen|subscribe|sign\s+up|download|click|share|tweet|"
    r"follow\s+us|e-?mail)(?:\s+[\w'-]+)?\s*[:|]",
    _I,
)

_WIDGET_LABELS = re.compile(
    r"^(?:share(?:\s+(?:this|the|on)(?:\s+(?:article|story|post|page|facebook|twitter|x|"
    r"linkedin|whatsapp|reddit|email))?)?|tweet|print|e-?mail|"
    r"advertisement|advertisements|ad|ads|sponsored(?:\s+content)?|paid\s+content|promoted|"
    r"advertisement\s*[-–—:]\s*(?:scroll|continue)\s+(?:to\s+continue|reading|below).*|"
    r"story\s+continues\s+below(?:\s+(?:this\s+)?advertisement)?|"
    r"scroll\s+to\s+continue(?:\s+with\s+content)?|continue\s+reading(?:\s+below)?|"
    r"leave\s+a\s+(?:reply|comment)(?:\s+cancel\s+reply)?|cancel\s+reply|post\s+comment|"
    r"comments?(?:\s*\(\d+\))?|\d+\s+comments?|no\s+comments(?:\s+yet)?|"
    r"read\s+next|up\s+next|related|related\s+(?:articles?|posts?|stories|news|reading|"
    r"coverage|topics|links|content|videos?)|"
    r"recommended(?:\s+(?:for\s+you|reading|stories|videos?))?|"
    r"you\s+(?:might|may)\s+(?:also\s+)?like|more\s+stories|"
    r"most\s+(?:read|popular|viewed|shared)(?:\s+(?:in|on|from)\s+[\w .&'-]{1,30})?|"
    r"trending(?:\s+(?:now|stories|topics))?|top\s+stories|latest(?:\s+news)?|"
    r"editor'?s\s+picks?|more\s+from\s+[\w .&'-]{1,30}|"
    r"newsletter|subscribe(?:\s+now)?|sign\s+up|sign\s+in|log\s+in|follow\s+us|tags?|"
    r"page\s+top|back\s+to\s+top|skip\s+to\s+(?:main\s+)?content|"
    r"press\s+release|news\s+release|media\s+release|"
    r"\d{1,2}\s+min(?:ute)?s?(?:\s+read)?|listen\s+to\s+(?:this\s+)?article|"
    r"bookmark|save(?:\s+(?:for\s+later|(?:this\s+)?(?:article|story)))?|"
    r"(?:link\s+)?copied(?:\s+to\s+clipboard)?|print(?:\s+(?:this\s+)?(?:article|story|page))|"
    r"text\s+size|font\s+size|(?:full\s+|episode\s+|read\s+the\s+)?transcript|"
    r"gift\s+(?:this\s+)?(?:article|story)|(?:show|hide|view)\s+comments|"
    r"advertise\s+with\s+us|key\s+(?:facts|points|takeaways)|"
    r"(?:purchase\s+)?licensing\s+rights(?:,?\s+opens\s+(?:in\s+)?(?:a\s+)?new\s+tab)?|"
    r"(?:name|email|website|comment)\s*\*?)\s*[:.!]?\s*(?:\d+)?$",
    _I,
)

# --- calls to action ---------------------------------------------------------------------
# An imperative verb of the call-to-action class first ("Click here to …" and "Please" may
# stand before it) ...
_CALL_VERB = re.compile(
    r"^(?:please\s+|click\s+here\s+(?:to|and)\s+|tap\s+here\s+to\s+|"
    r"(?:be\s+sure|don'?t\s+forget|remember)\s+to\s+)?"
    r"(?:sign\s+up|subscribe|follow|watch|listen|read|download|register|click|tap|share|"
    r"get|join|try|explore|discover|learn(?:\s+more)?|find\s+out|see|view|stay|don'?t\s+miss|"
    r"do\s+not\s+miss|send|contact|email|e-mail|log\s+in|sign\s+in|accept|manage|upgrade|"
    r"unlock|start|save|claim|book|reserve|grab|check\s+out|tune\s+in|catch|enjoy|visit|"
    r"support|become|give|continue|reply|forward)(?![\w-])",
    _I,
)
# ... and a complement addressed to the reader, or naming the page, the product or a channel.
_READER = re.compile(
    r"\b(?:our|your|us|you'?ll|yourself|free|newsletters?|briefings?|digest|"
    r"inbox|app|apps|podcasts?|alerts?|subscriptions?|membership|webinar|summit|"
    r"social\s+(?:media|networks?|channels)|"
    r"conference|unlimited|premium|journalism|colleagues?|friends?|"
    r"(?:full|this)\s+(?:story|article|report|interview|episode|coverage|analysis)|"
    r"weeks?\s+for|month\s+for|clipboard|below|above|"
    r"(?:on|via)\s+(?:x|twitter|facebook|linkedin|instagram|youtube|telegram|whatsapp|"
    r"tiktok|threads|bluesky))\b"
    r"|[@$€£]\w|https?://|www\.",
    _I,
)
# Weaker signs of a call, trusted only in a short line ("Register now", "Watch the video"):
# "Join ventures with Chinese refiners now need approval" is a sentence.
_READER_SHORT = re.compile(
    r"\b(?:here|now|today|below|above|videos?|access|members|subscribers?|trial)\b", _I
)
_SHORT_CALL = 8
# Verbs that open a sentence only as an imperative to the reader: with them the verb alone
# makes the call ("Subscribe to Battery Metals Weekly for full price histories.").
_STRONG_CALL = re.compile(
    r"^(?:please\s+)?(?:subscribe|sign\s+up|unsubscribe|register\s+(?:for|to|now|here|today|"
    r"free|online)|download\s+(?:the|our|a|it|now)|forward\s+this|advertise\s+with|"
    r"have\s+your\s+say|consider\s+(?:supporting|subscribing|donating))\b",
    _I,
)
# Where a later sentence of a line starts: after a sentence end, or after a short opening
# phrase ("For the latest news, follow us on Telegram.").
_SENTENCE_STARTS = re.compile(r"(?<=[.?!])\s+(?=[A-Z])|^(?:for|to|if|when)\b[^,.]{1,40},\s+", _I)
# A short question that sets up the call: "Want more stories like this? Subscribe …".
_CLICK_HERE = re.compile(
    r"^(?:click|tap)\b|^press\s+(?:here|the\s+(?:link|button))\b", _I
)  # nobody but the page tells the reader to click
_SHORT_LABEL = re.compile(r"^[\w' -]{1,30}:\s+(?=\S)")
_LEAD_QUESTION = re.compile(r"^[^.?!]{1,60}\?\s+(?=\S)")

# --- credits, bylines and timestamps -----------------------------------------------------
_NAME = r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|der|da|bin|al|el|la|le))*"
# a person's name as bios start: two to four capitalised words ("Jane Doe", "Ana de Souza")
_PERSON = r"[A-Z][\w.'’-]+(?:\s+(?:de|van|von|da|al|el)){0,1}(?:\s+[A-Z][\w.'’-]+){1,3}"
_CREDIT_RULES = [
    re.compile(
        r"^\(?\s*(?:additional\s+|further\s+)?(?:reporting|writing|editing|edited|written|"
        r"compiled|produced|research|graphics?|photography|illustrations?|translation|"
        r"translated)\s+by\b",
        _I,
    ),
    re.compile(
        r"\bcontributed\s+(?:(?:additional\s+)?reporting|to\s+this\s+(?:report|story))|"
        r"^with\s+(?:additional\s+)?(?:assistance|reporting)\s+(?:from|by)\b",
        _I,
    ),
    # "By Jane Doe", "By Nandar Win and Li Hua", "By Amanda Stutt | March 3, 2025 | …"
    re.compile(
        rf"^[Bb][Yy]\s+(?:the\s+)?{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*\s*(?:$|[|,·•–—-]\s*.{{0,160}}$)"
    ),
    # photo credits anywhere in a caption: "Photo by X/Getty Images", "REUTERS/Jane Doe"
    re.compile(r"\b(?:photo|image|picture|video|footage)s?\s+(?:by|courtesy\s+of)\s+[A-Z]", _I),
    re.compile(
        r"(?:/|\(|\||\bvia\s)\s*(?:getty\s+images|reuters|afp|ap(?:\s+photo)?|bloomberg|"
        r"epa(?:-efe)?|xinhua|shutterstock|alamy|file|handout|supplied)\s*(?:/[^)]*)?\)?\.?$",
        _I,
    ),
    re.compile(
        r"\b[A-Z]{2,}(?:\s+[A-Z]{2,})?(?:/[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}){1,3}\)?\.?$"
    ),
    re.compile(r"\((?:photo|image|picture)s?\s*(?:credit)?\s*:?[^)]*\)$", _I),
    # "Translated from the Chinese by the Beijing bureau.", "Adapted from Spanish."
    re.compile(
        r"^(?:translated|adapted)\s+from\s+(?:the\s+)?(?:original\s+)?[\w-]+(?:\s+original)?"
        r"(?:\s+by\b.*|\s*\.?$)",
        _I,
    ),
    # the agency alone or the desk's inputs: "— Xinhua", "(Bernama)", "With inputs from PTI"
    re.compile(
        r"^(?:[-–—(]\s*)?with\s+(?:additional\s+)?inputs?\s+from\s+[\w ,&'-]{1,60}\)?\.?$|"
        r"^[-–—(]+\s*inputs?\s+from\s+[\w ,&'-]{1,60}\)?\.?$|"
        r"^[-–—/(\s]*(?:reuters|afp|ap|xinhua|bernama|kyodo|yonhap|tass|ians|pti|ani|efe|dpa|"
        r"ansa|anadolu|bloomberg|agencies|wires|staff\s+and\s+agencies|antara|apa|mena|wam|"
        r"spa)[\s)/–—-]*\.?$",
        _I,
    ),
    # a wire photo caption closes on the day the picture was taken, after a comma, with no
    # preposition ("A worker sorts cobalt at a mine in Kolwezi, Congo, May 12, 2025."); a
    # story sentence says "on May 12, 2025"
    re.compile(
        r"^(?!.*\b(?:said|says|told|according\s+to)\b)[^\"“”]{20,240},\s+(?:Jan|Feb|Mar|Apr|"
        r"May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\.?$"
    ),
]
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAYS = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
_TIME_RULES = [
    re.compile(
        rf"^(?:updated|published|posted|first\s+published|last\s+(?:updated|modified)|"
        rf"modified)\b\s*:?\s*(?:on\s+|at\s+)?(?:\d|{_MONTHS}|{_DAYS}|today|yesterday)",
        _I,
    ),
    # a line of nothing but dates, times, zones and separators ("March 4, 2025 | 10:42 ET")
    re.compile(
        rf"^(?:(?:\d{{1,4}}(?::\d\d)?|{_MONTHS}|{_DAYS}|a\.?m\.?|p\.?m\.?|[A-Z]{{2,4}}T|ET|"
        rf"GMT|UTC|CET|at|on)[\s,|·•/–—-]*)+$",
        _I,
    ),
]

# --- legal, paywall, promos, social, bios, corrections -----------------------------------
# (class, alternatives): those opening with "^" are tried with one anchored match, the
# others with one search, so a long story line is scanned once per class, not per rule
_OTHER_ALTERNATIVES: list[tuple[str, list[str], int]] = [
    (
        "legal",
        [
            r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}|(?-i:[A-Z])))",
            r"\ball\s+rights\s+reserved\b",
            r"\b(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b",
            r"\breproduction\s+(?:and\s+\w+\s+)?(?:is\s+)?prohibited\b",
            (
                r"\bcookies?\b.{0,80}\b(?:policy|preferences|settings|"
                r"consent|experience|accept|agree|use)\b"
            ),
            r"^(?:accept|reject|manage)\b.{0,30}\bcookies?\b",
            r"\b(?:privacy\s+policy|terms\s+(?:of\s+(?:use|service)|and\s+conditions))\b",
            (
                r"^(?:subscribe|sign\s+in|log\s+in|register)(?:\s+"
                r"or\s+(?:register|subscribe|sign\s+up|create\s+an?\s+"
                r"(?:free\s+)?account))?\s+to\s+(?:continue|read|keep|access|unlock)"
            ),
            r"^not\s+for\s+(?:release|distribution|publication)\b",
            r"^about\s+(?:the\s+|our\s+)?(?!\d)(?-i:[A-Z])[\w&.,'’ -]{1,60}:\s+(?-i:[A-Z])",
            r"\balready\s+(?:a\s+)?(?:subscriber|member|registered)\b",
            r"\byou\s+have\s+(?:reached|used)\s+(?:your|the)\s+(?:limit|\d+|last)",
            r"\bfree\s+articles?\b.{0,40}\b(?:month|left|remaining)\b",
            (
                r"^this\s+(?:article|story|content|report)\s+is\s+"
                r"(?:only\s+)?(?:for|available\s+to)\s+(?:\w+\s+)?(?:subscribers|members)"
            ),
            r"\b(?:premium|paying|paid)\s+(?:members|subscribers)\s+only\b",
            r"^forward[\s-]+looking\s+statements?\b",
            r"\bthe\s+views\s+expressed\s+(?:here\s+|in\s+this\s+\w+\s+)?are\b",
            (
                r"^this\s+(?:announcement|release|document|market\s+"
                r"release)\s+(?:was|has\s+been|is)\s+(?:authori[sz]ed|"
                r"approved)\s+for\s+(?:release|lodge?ment)"
            ),
            (
                r"^(?:authori[sz]ed|approved)\s+for\s+(?:release|lodge?ment)"
                r"(?:\s+to\s+the\s+\w+)?\s+by\b"
            ),
            r"\bauthori[sz]ed\s+for\s+(?:release|lodgement|lodgment)\s+by\b",
            # disclaimers: "… does not constitute investment advice", "for information
            # purposes only", "the views/opinions (expressed) … are the author's own"
            r"\b(?:not|no)\s+(?:\w+\s+){0,2}(?:investment|financial|legal|tax)\s+advice\b",
            r"\bfor\s+(?:general\s+)?information(?:al)?\s+purposes\s+only\b",
            (
                r"\b(?:views|opinions)\s+(?:expressed\s+)?(?:here\s+|in\s+this\s+\w+\s+)?"
                r"are\s+(?:those\s+of\s+)?the\s+(?:author|writer)(?:'s\s+own|s?\b)"
            ),
            # "Views are her own." (after what the author writes about: see ``bio``; after
            # a title it is a role the story may state: "X is a senior fellow at Y.")
            r"^(?:the\s+)?(?:views|opinions)\s+(?:are|remain)\s+(?:her|his|their|my|our|the\s+"
            r"(?:author|writer)(?:'s|s')?)\s+own\b",
            # the securities-law term of art is only ever used by the disclaimer itself
            r"\bforward[\s-]+looking\s+(?:statements?|information)\b",
            # the exchange's standard release disclaimer
            r"\baccepts?\s+(?:no\s+)?responsibility\s+for\s+the\s+(?:adequacy|accuracy)\b",
            r"\bsafe\s+harbou?r\s+(?:provisions?|statement)\b",
            # notes on the document itself, not the story: its language, where and when it
            # first ran ("Provisional translation.", "The Chinese text prevails.",
            # "This article first appeared on …", "A version of this story ran in print")
            r"\btext\s+(?:prevails|is\s+authoritative|shall\s+prevail)\b",
            r"^(?:an?\s+|this\s+is\s+an?\s+)?(?:provisional|unofficial|informal|machine|"
            r"courtesy)\s+translation\b",
            r"^(?:originally|first)\s+(?:appeared|published|ran|posted)\b",
            r"^an?\s+(?:version|shorter\s+version|longer\s+version|edited\s+version)\s+of\s+"
            r"this\s+(?:article|story|report|piece|interview)\b",
            r"\b(?:print|online)\s+edition\s+of\s+this\b",
            r"^(?:an?\s+)?version\s+of\s+this\b",
            # the small print of offers and market data ("Terms apply.", "Past performance
            # is not indicative of future results.", "Prices are indicative …")
            (
                r"^(?:terms|t\s*&\s*cs?|conditions|exclusions|disclaimers?|methodology)"
                r"(?:\s+(?:and|&)\s+\w+)?\s+apply\.?$"
            ),
            # (a floating alternative starts with a word boundary: the class's one search
            # stays fast)
            r"\b(?:methodology|disclaimers?|t\s*&\s*cs?)(?:\s+(?:and|&)\s+\w+)?\s+apply\.?$",
            # how the outlet makes its prices: "Prices are assessed by Alloy Markets Daily."
            r"^(?:all\s+)?(?:prices|assessments|quotes|quotations)\s+(?:are|were)\s+"
            r"(?:assessed|compiled|provided|supplied)\s+by\b",
            r"\bpast\s+performance\s+(?:is|does)\s+not\b",
            r"\bsubject\s+to\s+change\s+without\s+(?:prior\s+)?notice\b",
            r"\b(?:information|material)\s+contained\s+(?:herein|in\s+this\s+(?:report|"
            r"email|newsletter))\b",
            r"^(?:all\s+)?(?:prices|assessments|quotes|quotations)\s+(?:are|is)\s+indicative\b(?!\s+of\b)",
            # the same after a label ("Market data: prices are indicative …"), and the
            # assessor's "… and not offers to trade"
            (
                r"^[\w ]{1,20}:\s+(?:all\s+)?(?:prices|assessments|quotes|quotations)\s+(?:are|is)"
                r"\s+indicative\b(?!\s+of\s+(?:a|an|the)\b)"
            ),
            r"\bnot\s+(?:firm\s+)?(?:offers?|bids?)\s+to\s+(?:trade|buy|sell|deal)\b",
            r"\bregistered\s+in\s+(?:england|scotland|wales|ireland)(?:\s+and\s+wales)?\b"
            r".{0,40}\b(?:no\.?|number|company)\b",
            # a caption that names itself ("File photo of …", "File picture shows …")
            r"^(?:an?\s+)?file\s+(?:photo|picture|image|footage)s?\b",
        ],
        _I,
    ),
    (
        "promo",
        [
            (
                r"^(?:advertisement|sponsored|promoted|ad|advert|paid\s+"
                r"post|partner\s+content)\b\s*(?:[:|–—-]|by\b|content\b)"
            ),
            r"^(?:presented|brought\s+to\s+you|powered|supported)\s+by\b",
            r"^in\s+(?:partnership|association|collaboration)\s+with\b.{0,80}$",
            (
                r"\b(?:produced|created|paid\s+for|commissioned)\s+"
                r"by\s+(?:our|the)\s+(?:commercial|advertising|partner|brand|sponsored)\b"
            ),
            r"\b\d{1,3}\s?%\s+off\b",
            r"\blimited[\s-]+time\b",
            r"\bearly[\s-]?bird\b",
            r"\b(?:promo|discount|coupon)\s+code\b",
            r"^try\s+\d+\s+(?:weeks?|months?|days?)\b",
            r"\btrust\s+principles\b",
            r"^our\s+standards\b",
            (
                r"^this\s+(?:story|article|report|piece|commentary|analysis|brief|op-ed|column|"
                r"essay|post|interview|transcript|episode)\s+(?:was\s+|is\s+)?(?:first|"
                r"originally)\s+(?:published|appeared|posted)\b"
            ),
            r"^free\s+trial\b",
            # sponsored pages: "This content was produced by X, an industry body."
            (
                r"^this\s+(?:content|advertorial|feature|supplement|page)\s+(?:was|is|has\s+been)"
                r"\s+(?:\w+\s+)?(?:produced|created|paid\s+for|sponsored|provided|supplied|"
                r"written)\s+by\b"
            ),
            r"\bsubscribers\s+can\b",
            r"^(?:ends|###|_{3,}|-{3,}|\*{3,}|-\s*30\s*-|—\s*ends\s*—)$",
            r"^briefings?\s*(?:&|and)\s*statements$",
            # a blurb about the outlet's own products: "… is our free weekly newsletter"
            (
                r"\b(?:is|are)\s+(?:our|your)\s+(?:free\s+|daily\s+|weekly\s+|monthly\s+|new\s+)*"
                r"(?:newsletters?|briefings?|digest|podcasts?|app|alerts?)\b"
            ),
            r"^(?:buy|purchase|request)\s+(?:reprints?|reprint\s+rights|a\s+demo|licensing)\b",
            r"^(?:published\s+)?in\s+print\b|^print\s+edition\b",
            r"^for\s+(?:more|further)\s+information,?\s+(?:please\s+)?(?:contact|visit|see)\b",
            r"^loading\W*$",
        ],
        _I,
    ),
    (
        "social",
        [
            (
                r"^(?:click\s+to\s+)?share\s+(?:this\s+\w+\s+)?(?:on|"
                r"via|with)\s+(?:facebook|twitter|x|linkedin|whatsapp|"
                r"reddit|telegram|e-?mail|pinterest)\b"
            ),
            r"^(?:share\s+(?:on|this|via)|copy\s+link|print\s+this|email\s+this)\b",
            (
                r"^(?:(?:facebook|twitter|x|linkedin|whatsapp|reddit|"
                r"telegram|email|pinterest|copy\s+link)[\s|,·•/]*){2,}$"
            ),
            r"^follow\s+(?:us|@\w+)\b",
            r"^[\w&' -]{1,30}(?:\s*[>›»]\s*[\w&' -]{1,30})+$",  # "Home > Markets > Metals"
            r"^join\s+the\s+(?:conversation|discussion|debate)\b",
            r"^your\s+e-?mail\s+address\s+will\s+not\s+be\s+published\b",
            r"^required\s+fields\s+are\s+marked\b",
            r"^save\s+my\s+name,\s+e-?mail\b",
            r"^you\s+must\s+be\s+logged\s+in\b",
            r"^enter\s+your\s+e-?mail\b",
            r"\bdelivered\s+(?:straight\s+|directly\s+)?to\s+your\s+inbox\b",
        ],
        _I,
    ),
    (
        "bio",
        [
            (
                rf"^{_PERSON}"
                r"\s+(?:is|was|has\s+been)\s+(?:a|an|the)\s+(?:[\w-]+\s+"
                r"){0,3}?(?:reporter|correspondent|editor|columnist|"
                r"writer|journalist|contributor|bureau\s+chief|commentator)s?\b"
            ),
            # "John Smith is Reuters' commodities correspondent in London."
            (
                rf"^{_PERSON}"
                r"\s+(?:is|was)\s+(?:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*(?:'s|'|’s|’))\s+"
                r"(?:[\w-]+\s+){0,3}?(?:reporter|correspondent|editor|columnist|writer|"
                r"journalist|bureau\s+chief|commentator)s?\b"
            ),
            (
                rf"^{_PERSON}"
                r"\s+(?:covers|reports\s+on|writes\s+about|writes\s+"
                r"on)\s+[\w ,&'-]{1,60}\s+(?:for|at)\s+[A-Z]"
            ),
            # "Jane Doe writes about industrial policy and supply chains." (no outlet)
            (
                rf"^{_PERSON}"
                r"\s+(?:covers|reports\s+on|writes\s+(?:about|on))\s+"
                r"(?:(?!\b(?:said|says|told)\b)[\w ,&'-]){1,80}\.?"
                r"(?:\s+(?:[Tt]he\s+)?(?:[Vv]iews|[Oo]pinions)\s+(?:are|remain)\s+[\w']+\s+own\.?)?$"
            ),
            (
                r"^[Tt]he\s+(?:author|writer)s?\s+(?:is|are|was|advises|"
                r"writes|has|works|teaches)\b"
            ),
            # a think-tank bio says what the person works on at the institute ("… is a senior
            # fellow at X, where she leads work on …"); "X is a senior fellow at Y." alone
            # is a role the story may state
            (
                rf"^{_PERSON}\s+is\s+(?:a|an|the)\s+[^.]{{0,100}}\bwhere\s+(?:she|he|they)\s+"
                r"(?:leads|directs|heads|focuses|works|researches|writes|covers|specialis|specializ)"
            ),
            r"^(?:[Hh]er|[Hh]is|[Tt]heir)\s+(?:research|work|writing)\s+(?:focuses|centres|"
            r"centers|covers|examines)\b",
        ],
        0,
    ),
    (
        "broadcast",
        [
            # the transcript's own notes: "This transcript has been edited for length and
            # clarity.", "This is a rush transcript.", "Transcript produced by …"
            (
                r"^(?:this|the)\s+(?:transcript|interview|conversation|q\s*&\s*a|discussion|"
                r"exchange|episode|text)\s+(?:has\s+been|have\s+been|was|is)\s+(?:\w+\s+)?"
                r"(?:edited|condensed|abridged|shortened|transcribed)\b"
            ),
            r"^(?:this\s+is\s+an?\s+)?rush\s+transcript\b",
            r"^(?:this\s+is\s+an?\s+)?(?:automated|machine-generated|computer-generated)\s+"
            r"transcript\b",
            r"^(?:this|the)\s+(?:transcript|copy)\s+(?:may\s+not|cannot|is\s+not|must\s+not)\b",
            r"^transcripts?\s+(?:are|is)\s+(?:created|produced|generated|provided|prepared)\b",
            r"\bbefore\s+quoting\b|\bauthoritative\s+record\b",
            r"^accuracy\s+and\s+availability\s+may\s+vary\b",
            # the show's own patter: "Welcome back to Metals Hour, I'm Ana Ruiz.", "You're
            # listening to …", "We'll be right back.", "Coming up after the break …"
            (
                r"^(?:welcome\s+(?:back\s+)?to|you'?re\s+(?:listening|watching)\s+to)\s+"
                r"[^.!?]{1,60}\b(?:i'?m|i\s+am|with\s+me)\b[^.!?]{0,60}[.!]?$"
            ),
            r"^you'?re\s+(?:listening|watching)\s+to\s+[^.!?,]{1,60}[.!]?$",
            (
                r"^(?:we'?ll\s+be\s+(?:right\s+)?back|stay\s+with\s+us|(?:coming\s+up\s+)?after\s+"
                r"the\s+break|back\s+after\s+(?:this|the\s+break))\b"
            ),
            r"^(?:show\s+notes|timestamps|chapters|links\s+mentioned(?:\s+in\s+this\s+episode)?|"
            r"in\s+this\s+episode)\s*:?\s*$",
            (
                r"^(?:hosted|presented|mixed|engineered|narrated|music|theme\s+music|sound\s+design|"
                r"artwork|audio)\s+(?:and\s+\w+\s+)?by\s+[^,;.]{1,60}\.?$"
            ),
            r"^(?:rate|review|leave)\s+(?:and\s+review\s+)?(?:us|the\s+show|a\s+review)\b",
            r"^(?:transcript|transcription|captions?|closed\s+captioning)\s+(?:produced|provided|"
            r"prepared|courtesy|by)\b",
            r"^end\s+of\s+(?:the\s+)?(?:transcript|interview|episode|broadcast|segment|video|"
            r"clip|audio|programme|program|show)\b[^.!?]{0,30}$",
            # who speaks, as a list without a sentence end: "Guests: Ana Ruiz (JOGMEC), …";
            # a speaker's turn ("HOST: What does the ban mean?") ends like a sentence
            (
                r"^(?:speakers?|guests?|panell?ists?|hosts?|presenters?|participants|"
                r"moderators?|featuring|in\s+this\s+episode|on\s+the\s+panel|reporters?|"
                r"(?:executive\s+|senior\s+)?producers?|editors?|anchors?|correspondents?|"
                r"authors?|writers?|photographers?|camera|video\s+editor|translators?|"
                r"interpreters?|graphics|design)\s*:\s*"
                r"(?!.*[.!?][\"”')]?$).+$"
            ),
            # a chapter mark: "[00:12:31] Thacker Pass and the loan", "12:31 - The loan"
            # (leading brackets are stripped with the marks: "00:12:31] …" is what is left)
            r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]\s*[^.!?]{0,80}$",
            r"^\d{1,2}:\d{2}(?::\d{2})?\s*[-–—|]\s*[^.!?]{0,80}$",
            # stage directions: "(MUSIC)", "[Applause]", "(CROSSTALK)", "(BEGIN VIDEO CLIP)"
            (
                r"^[\[(]?\s*(?:(?:begin|end)\s+)?(?:music|applause|laughter|laughs|crosstalk|"
                r"inaudible|unintelligible|break|commercial\s+break|video\s+clip|audio\s+clip|"
                r"sound\s*bite|silence|pause|sot|theme\s+music|music\s+playing|[\w ]{1,20}"
                r"\s+music|bell\s+rings?|end\s+of\s+\w+(?:\s+\w+)?)\s*[\])]\.?$"
            ),
            # the show's slot: "Mining Matters airs Sundays at 9 a.m. ET on …"
            (
                r"^[^.,;]{1,60}\s+(?:airs|is\s+broadcast|broadcasts|streams)\s+(?:live\s+)?"
                r"(?:(?:on\s+)?(?:weekdays|weeknights|daily|nightly|weekly|(?:mon|tues|wednes|"
                r"thurs|fri|satur|sun)days)|(?:every|each)\s+(?:mon|tues|wednes|thurs|fri|satur|"
                r"sun)day)\b(?!.*\b(?:said|says|told)\b)"
            ),
            r"^(?:episode|ep\.?)\s*\d{1,4}\s*[:|–—-]",
            # the recording's own data: "Aired: March 3, 2026", "Duration: 42:10"
            (
                r"^(?:date|dated|aired|air\s+date|broadcast|recorded|release\s+date|issue\s+date|"
                r"runtime|running\s+time|duration|length|reading\s+time)\s*:\s*[\w ,:./-]{1,30}$"
            ),
        ],
        _I,
    ),
    (
        "filing",
        [
            # the filing's own heads: "Form 8-K", "Item 7.01 Regulation FD Disclosure",
            # "Filed on SEDAR+ by …", "RNS Number : 4821K", "Regulatory News Service"
            (
                r"^form\s+(?:8-k|10-k|10-q|6-k|20-f|40-f|s-1|s-3|f-1|f-3|13d|13g|sc\s*13[dg]|"
                r"def\s*14a|144)\b(?!.*\b(?:shows?|showed|said|says|revealed|disclosed)\b)"
            ),
            r"^item\s+\d{1,2}\.\d{2}\b",
            (
                r"^(?:filed|lodged|submitted|released)\s+(?:on|with|to|via|through)\s+"
                r"(?:the\s+)?(?:sedar\+?|edgar|sec|asx|tsx(?:-?v)?|lse|rns|sedi|cnsx|cse|"
                r"jse|sens|hkex|bse|nse)\b(?!.*\b(?:shows?|showed|said|says|revealed|disclosed|"
                r"states?|stated)\b).{0,80}$"
            ),
            r"^(?:rns|announcement|sequence|category)\s+(?:number|no\.?|code)\s*:",
            r"^regulatory\s+(?:news\s+service|announcement|story)\b",
            # codes and references alone: "ISIN: AU000000LYC6", "Ref: MOFCOM/2026/0147"
            (
                r"^(?:isin|lei|tidm|epic|cusip|sedol|ticker|stock\s+code|ref(?:erence)?|"
                r"our\s+ref|your\s+ref|file\s+(?:no|number)|case\s+(?:no|number)|docket)"
                r"\.?(?:\s+(?:no\.?|number))?\s*[.:]\s*\S{1,40}$"
            ),
            # a notice's number as a whole line: "SRO No. 123(I)/2026", "Customs Notice No.
            # 14/2026 (Tariff)", "Notification No. 45/2026-Customs dated 12 March 2026";
            # the code is structured (a slash, a bracketed year), unlike a headline's "No. 61"
            (
                r"^(?:[\w.&'-]+\s+){0,3}(?:(?:s\.?\s*r\.?\s*o|g\.?\s*s\.?\s*r)\.?(?:\s+no\.?)?|"
                r"(?:notice|notification|circular|order|decree|resolution|announcement|bulletin|"
                r"memorandum|directive|instruction|ruling|gazette)\s+(?:no\.?|number|nr\.?))"
                r"\s*:?\s*\d+\s*(?:\([A-Z]+\)\s*)?(?:[/-]\s*\d{2,4}|\[\d{4}\])[\w()/.-]*"
                r"(?:\s+\([\w ]{1,25}\))?(?:\s+(?:dated|of)\s+[\w ,.]{1,25})?$"
            ),
            r"^(?:issued|signed|approved|prepared|circulated|compiled)\s+by\s*:",
            # a reference alone: "Reference: Customs Notice 14/2026"
            (
                r"^(?:ref(?:erence)?|our\s+ref|your\s+ref)\.?(?:\s+(?:no\.?|number))?\s*[.:]\s*"
                r"[^.!?]{0,60}\d[^.!?]{0,20}$"
            ),
            # the wire service's issuer line: "SOURCE Albemarle Corporation"
            r"^(?-i:SOURCE)\s+[\w&.,'’ -]{1,60}$",
            # a file number alone: "[F. No. 1(5)Tar-I/2026]"
            r"^[\[(]?(?:f\.|file|c\.)\s*no\.?\s*[\w()./-]*\d[\w()./ -]{0,30}[\])]?$",
            r"^copy\s+(?:for\s+information\s+)?(?:to|forwarded\s+to)\b",
            r"^(?:for\s+and\s+on\s+behalf\s+of|by\s+order\s+of)\b[^.,;]{0,80}$",
            r"^(?:yours\s+(?:faithfully|sincerely|truly)|sd/-?)\W*$",
            # a digest's label rows: "Filing date: March 3, 2026", "CIK: 0000915913"
            (
                r"^(?:filing\s+date|filed|period\s+of\s+report|document\s+type|form\s+type|"
                r"cik|accession\s+(?:no\.?|number)|file\s+number|sic\s+code|fiscal\s+year\s+end)"
                r"\s*:\s*[^.!?]{0,60}$"
            ),
            r"^(?:isbn|issn|doi)\b[\s:]*[\dX./-]{6,}\S*$",
            # the issuer's sign-off alone: "Issued by the Press Secretariat." (a sentence
            # that goes on after a comma is story: "Issued by the ministry, the rules …")
            r"^(?:issued|released|circulated)\s+by\s+(?:the\s+)?[^,;:.]{1,80}\.?$",
            # a head with its reference in brackets: "Decisions of 3 May (Notice No. 14/2026)"
            (
                r"^[^.!?]{0,120}\((?:[\w.]+\s+){0,2}(?:no\.?|number|ref\.?)\s*:?\s*\d+\s*"
                r"[/-]\s*\d{2,4}[\w/.-]*\)$"
            ),
            # a newsletter's masthead: "The Lithium Letter - Issue 212"
            (
                r"^[^.!?]{1,60}\s[-–—|:,]\s*(?:issue|edition|vol\.?|volume)\s*(?:no\.?\s*)?"
                r"\d{1,4}\b[^.!?]{0,40}$"
            ),
            r"^(?:distribution|copy\s+to|copies\s+to|cc|attention|attn|encl(?:osures?)?)\s*:",
            r"^(?:page|p\.)\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$|^-\s*\d{1,3}\s*-$",
            (
                r"^(?:annex|annexure|appendix|schedule|attachment|enclosure|exhibit)\s+"
                r"(?:[IVXL]{1,5}|\d{1,3}(?:\.\d{1,2})?|[A-Z])\b(?:\s*[:.–—-]\s*[^.!?]{0,120})?$"
            ),
            # the issuer's small print that never states the story: inside information under
            # the market-abuse rules, the exchange's disclaimer, what is forward-looking
            (
                r"^(?:this|the)\s+(?:announcement|release|information|notice|document)\s+"
                r"(?:contains|is|constitutes)\s+(?:\w+\s+)?inside\s+information\b"
            ),
            r"\binside\s+information\s+(?:as\s+defined\s+(?:in|by|under)|for\s+the\s+"
            r"purposes\s+of|within\s+the\s+meaning\s+of)\b",
            r"\bregulation\s+services\s+provider\b",
            (
                r"\b(?:accepts?|assumes?|takes?)\s+(?:no\s+|any\s+)?responsibility\s+for\s+"
                r"(?:the\s+(?:adequacy|accuracy|contents?)|this\s+(?:news\s+)?(?:release|"
                r"announcement|notice))\b"
            ),
            (
                r"\b(?:statements?|information)\b[^.]{0,120}\b(?:are|is|be|constitute|contain|"
                r"considered)\s+[\"“]?forward[\s-]+looking\b"
            ),
            r"\bnot\s+(?:statements\s+of\s+)?historical\s+facts?\b",
            (
                r"^(?:certain\s+)?(?:statements|information)\s+(?:made\s+)?(?:in|contained\s+in|"
                r"included\s+in)\s+this\s+(?:news\s+|press\s+)?(?:release|announcement|"
                r"document|presentation)\b"
            ),
        ],
        _I,
    ),
    (
        "table",
        [
            # how a price table reads: "Prices as of 16:00 GMT", "All prices in USD/t unless
            # otherwise stated.", "(All figures in US dollars)"; a sentence about prices
            # has a verb ("Prices in yuan rose 3%")
            (
                r"^\(?(?:all\s+)?(?:prices|price|data|quotes|quotations|figures|rates|values|"
                r"assessments)\s+(?:are\s+|were\s+)?(?:as\s+(?:of|at)|correct\s+(?:as\s+)?"
                r"(?:of|at))\s+[\w:., ]{1,40}\)?\.?$"
            ),
            (
                r"^\(?(?:all\s+)?(?:prices|figures|values|amounts|data|numbers|quotes|rates|"
                r"assessments)\s+(?:are\s+|shown\s+|quoted\s+|given\s+)?(?:in|per)\s+"
                r"(?:us\s+|u\.s\.\s+)?(?:usd|dollars?|\$|yuan|rmb|cny|euros?|eur|€|pounds?|gbp|"
                r"£|yen|jpy|rupees?|inr|a\$|c\$|aud|cad|cents?|local\s+currency)\b"
                r"(?![^.]*\b(?:rose|fell|rise|fall|jumped|climbed|gained|dropped|slipped|eased|"
                r"were|was|are|is|hit|reached|increased|decreased|surged|slumped|traded|ended|"
                r"closed|stood|remain|remained|shows?|showed|suggest|suggests|indicate|"
                r"indicates)\b)[^.!?]{0,80}[.)]*$"
            ),
            (
                r"^\(?(?:all\s+)?(?:prices|figures|values|amounts|data|numbers|quotes|rates|"
                r"assessments|currencies)\b[^.]{0,80}\bunless\s+(?:otherwise\s+)?(?:stated|noted|"
                r"indicated|specified)\W*$"
            ),
            # notes under a table: "Note: Prices are weekly averages.", "Totals may not add
            # up due to rounding."; a caption head: "Table 1: …", "Figure 2. …"
            (
                r"^(?:notes?|n\.?b\.?)\s*:\s*(?:all\s+)?(?:prices|figures|data|numbers|totals|"
                r"values|percentages|volumes|rates)\b"
            ),
            r"\b(?:due\s+to|because\s+of)\s+rounding\b",
            r"^(?:data|figures|prices|quotes)\s+(?:compiled|provided|supplied|sourced)\s+(?:by|from)\b",
            # a table's title with its unit: "Copper stocks in LME warehouses (tonnes)"
            (
                r"^[^.!?]{1,80}\((?:tonnes|t|mt|kt|lbs?|oz|\$/t|usd/t|\$/lb|yuan/t|rmb/t|%|"
                r"per\s+cent|\$\s*(?:m|mln|bn|million|billion)|[a-z$€£¥/]{1,6}\s+per\s+\w+)\)$"
            ),
            r"^(?:table|figure|fig\.|chart|map|box)\s+\d{1,2}(?:\.\d)?\s*[:.–—-]\s*[^.!?]{0,120}$",
        ],
        _I,
    ),
    (
        "report",
        [
            # a think-tank page around its paper: how to cite it, who paid for it, files
            r"^(?:cite\s+this(?:\s+\w+)?|suggested\s+citation|recommended\s+citation|"
            r"how\s+to\s+cite(?:\s+this(?:\s+\w+)?)?|citation)\s*:",
            (
                r"^(?:funding|support|financial\s+support)\s+for\s+this\s+(?:research|report|"
                r"project|brief|paper|study|publication|work|article|series|reporting|"
                r"journalism|analysis)\b"
            ),
            (
                r"^this\s+(?:research|report|project|brief|paper|study|publication|work|"
                r"commentary|analysis)\s+(?:was|is|has\s+been)\s+(?:\w+\s+)?(?:funded|"
                r"supported|sponsored|made\s+possible|commissioned)\s+by\b"
            ),
            r"\((?:pdf|docx?|xlsx?|csv|pptx?|epub)\b[^)]{0,20}\)\.?$",
            r"^(?:keywords|key\s+words|categories|jel\s+(?:codes?|classification))\s*:",
            # a reference list's entries: "… accessed March 3, 2026.", "Retrieved from …"
            (
                r"\baccessed\s+(?:on\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
                r"oct|nov|dec)[a-z]*\.?\s+\d"
            ),
            r"\bretrieved\s+(?:on\s+[\w ,]{1,20}\s+)?from\b|^\d{0,3}\.?\s*ibid\b",
            # an institute's neutrality note: "CSIS does not take specific policy positions";
            # "… are solely those of the author(s)"
            (
                r"\bdoes\s+not\s+take\s+(?:specific\s+|institutional\s+)?(?:policy\s+)?"
                r"positions\b|\bsolely\s+(?:those\s+)?of\s+the\s+author"
            ),
            r"\blicensed\s+under\s+(?:a\s+)?(?:creative\s+commons|cc\b)|\bcc\s+by(?:-\w+)*\s+\d\.\d\b",
            r"^about\s+the\s+(?:authors?|contributors?|editors?|experts?|series|programme|"
            r"program|project)\s*:?\s*$",
        ],
        _I,
    ),
    (
        "correction",
        [
            r"^this\s+(?:page|article)\s+was\s+last\s+(?:modified|updated|reviewed)\b",
            (
                r"^this\s+(?:story|article|report|version)\s+(?:has\s+"
                r"been|was|is)\s+(?:corrected|updated|amended|refiled)\b"
            ),
            r"^(?:correction|clarification|editor'?s\s+note|update)\s*[:(]",
            r"^an?\s+(?:earlier|previous)\s+version\s+of\s+this\s+(?:article|story|report)\b",
            # "Correction, March 4: …", "Clarification appended", "Updated at 14:20 GMT with
            # comment from …", the wire's "(Updates with …)", "(Corrects spelling of …)"
            r"^(?:correction|clarification|editor'?s\s+note|update|amendment)s?\s*,\s*"
            r"[\w .,]{1,30}:",
            r"^(?:correction|clarification)s?\s+(?:appended|added|issued)\b",
            r"^(?:corrected|amended|refiled|clarified)\s+(?:at|on)\s+[\d\w]",
            r"^this\s+version\s+(?:corrects|adds|updates|clarifies|removes|fixes|replaces)\b",
            r"\bregrets?\s+the\s+(?:error|errors|mistake)\b",
            r"^(?:report|spotted|see|found|noticed?)\s+an?\s+(?:error|mistake|typo)\b",
            (
                r"^an?\s+(?:earlier|previous|prior)\s+version\s+of\s+this\s+(?:brief|post|piece|"
                r"newsletter|item|transcript|episode|podcast|note|analysis|chart|graphic|"
                r"interview|release)\b"
            ),
            (
                r"^\((?:updates|corrects|adds|recasts|refiles|rewrites|repeats|fixes|removes|"
                r"clarifies|amends|changes|inserts|deletes|moves)\b[^)]{0,200}\)\.?$"
            ),
            (
                r"^this\s+(?:story|article|report|post|piece|transcript)\s+(?:has\s+been|"
                r"was)\s+(?:\w+\s+)?(?:updated|corrected|amended|changed|edited)\s+(?:to|with|"
                r"on|at|since)\b"
            ),
        ],
        _I,
    ),
]


def _compile_class(alternatives: list[str], flags: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    anchored = [a[1:] for a in alternatives if a.startswith("^")]
    floating = [a for a in alternatives if not a.startswith("^")]
    never = r"(?!)"
    return (
        re.compile("|".join(f"(?:{a})" for a in anchored) or never, flags),
        re.compile("|".join(f"(?:{a})" for a in floating) or never, flags),
    )


_OTHER_RULES = [
    (reason, *_compile_class(alts, flags)) for reason, alts, flags in _OTHER_ALTERNATIVES
]

# The outlet speaking of itself, its readers or its products, outside reported speech:
# "reported to our desk", "available to subscribers", "funded by readers like you", "Got a
# news tip?", "This story was produced in partnership with …", "Capital at risk".
_OUTLET_VOICE = re.compile(
    r"\bour\s+(?:desk|newsroom|journalism|journalists|reporters|editors|editorial|readers|"
    r"subscribers|members|newsletters?|briefings?|site|website|app|podcasts?|coverage|series|"
    r"methodology|pricing\s+desk|price\s+assessments?|weekly|daily)\b"
    r"|\b(?:available|exclusive|open|reserved)\s+(?:only\s+)?(?:to|for)\s+(?:our\s+|paying\s+|"
    r"premium\s+)?(?:subscribers|members)\b|\bsubscribers\s+(?:only|get|receive|enjoy)\b"
    r"|\breaders\s+like\s+you\b|\b(?:news|story)\s+tips?\b|\bhear\s+from\s+you\b"
    r"|^thanks?\s+(?:you\s+)?for\s+(?:reading|listening|watching)\b|\bcapital\s+at\s+risk\b"
    r"|\b(?:insured|free)\s+(?:delivery|shipping)\b|\bin\s+the\s+comments\b"
    r"|^this\s+(?:story|article|report|series|piece|coverage|project|investigation)\s+"
    r"(?:was|is|has\s+been)\s+(?:\w+\s+){0,2}?(?:produced|supported|funded|made\s+possible|"
    r"reported|written|published)\s+(?:in\s+partnership\s+with|with\s+(?:the\s+)?(?:support|"
    r"funding|a\s+grant)\s+(?:of|from)|by\s+a\s+grant)\b"
    r"|\b(?:direct|address|send|forward)\s+(?:any\s+|all\s+|their\s+|your\s+)?(?:queries|enquiries|"
    r"inquiries|questions|requests)\s+to\b|\b(?:queries|enquiries|inquiries)\s+(?:should|may|can)\s+be\b"
    r"|^\((?=[^)]*\bthis\s+(?:report|article|story|content|copy)\b)[^)]*\)\.?$"
    r"|\b(?:syndicated|wire)\s+feed\b|\bauto-?generated\b"
    # the publication saying what it is and when it appears: "Every weekday we summarise the
    # announcements that matter for …", "Base Metals Brief is published every weekday",
    # "Summaries are unofficial"
    r"|^(?:every|each)\s+(?:week(?:day)?|day|morning|evening|month|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\s+we\s+(?:summari[sz]e|round\s+up|bring\s+you|compile|"
    r"pick|select|highlight|send|deliver|publish)\b"
    r"|^(?-i:[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,4})\s+(?:is|are)\s+published\s+(?:every|each|"
    r"daily|weekly|monthly|twice\s+a|on\s+(?:weekdays|mondays|tuesdays|wednesdays|thursdays|"
    r"fridays))\b"
    r"|\bsummaries\s+are\s+(?:unofficial|not\s+official|for\s+information)\b"
    # where the document's own media are, whatever the verb: "Investors can find the full
    # transcript and slides on the company's website", "A replay will be available …"
    r"|\b(?:can|may|will)\s+(?:be\s+able\s+to\s+)?(?:find|access|download|view|"
    r"listen\s+to|watch|hear|replay)\s+(?:a\s+|the\s+)?(?:full\s+)?(?:transcripts?|slides|"
    r"recordings?|replays?|webcasts?|presentations?|audio)\b"
    r"|\b(?:a|the)\s+(?:replay|recording|webcast|transcript)\s+(?:of\s+[^.]{1,60}?)?"
    r"(?:will\s+be|is|are)\s+(?:available|posted|archived)\b"
    # the call's own script: "welcome to the fourth-quarter results conference call",
    # "all participants are in listen-only mode"
    r"|^(?:good\s+(?:morning|afternoon|evening|day)\W+(?:and\s+)?)?(?:welcome|thank\s+you\s+"
    r"for\s+(?:joining|standing\s+by))\b[^.]{0,80}\b(?:call|webcast|webinar|conference\s+"
    r"call)\b|\blisten-only\s+mode\b"
    # the newsletter speaking of itself: "Was this email forwarded to you?"
    r"|\bthis\s+(?:e-?mail|newsletter)\s+(?:was\s+)?(?:forwarded|sent)\b"
    r"|\breply\s+to\s+this\s+e-?mail\b|\btickets?\s+(?:are\s+)?(?:now\s+)?(?:on\s+sale|"
    r"available)\b"
    r"|\b(?:views|opinions)\s+expressed\b.{0,60}\b(?:their|his|her|the\s+author'?s?)\s+own\b"
    r"|^[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){1,3}\s+reported\s+from\s+[A-Z][\w -]{1,30}(?:[;,]|\.?$)",
    _I,
)

# How to reach the publisher or the issuer's press office, whatever the channel:
# "For media enquiries contact the Public Relations Unit.", "For more information, please
# call …", "Press inquiries: …"; and the author's own disclosure ("The author holds shares
# in …", "Disclosure: …"), and the comment thread's state ("Comments are closed.").
# The same voice at the start of a line: "You are receiving this email because …", "This
# article is part of our series …", where the page's media are ("Photos of the briefing are
# available on …", "A recording of the press conference is available at …").
_OUTLET_HEAD = re.compile(
    r"you\s+(?:are\s+)?receiv(?:e|ed|ing)\s+this\b"
    r"|this\s+(?:article|story|report|piece|post|episode|brief|paper|commentary|analysis|essay|"
    r"interview|podcast|explainer|publication|series|newsletter)\s+is\s+part\s+of\s+"
    r"(?:our|an?|the)\b"
    r"|(?:(?:a|the)\s+)?(?:full\s+)?(?:photos?|videos?|images?|pictures|footage|recording|"
    r"transcript|slides|audio)(?:\s+of\s+[^.]{1,60}?)?\s+(?:is|are|will\s+be)\s+"
    r"(?:available|posted|published)\s+(?:on|at|from|via|in)\b",
    _I,
)
_REACH_US = re.compile(
    r"^for\s+(?:[\w-]+\s+){0,3}(?:enquiries|inquiries|information|details|questions|"
    r"interviews?|comments?|requests?)\b[^.]{0,20}?\b(?:please\s+)?(?:contact|call|e-?mail|"
    r"write\s+to|visit|reach|see)\b"
    r"|^(?:the\s+)?(?:author|writer|columnist)s?\s+(?:holds?|owns?|has\s+(?:no|a)\s+|"
    r"have\s+(?:no|a)\s+|does\s+not|do\s+not|is\s+long|are\s+long|may\s+hold)"
    r"|^comments?\s+(?:are|is)\s+(?:closed|disabled|moderated|turned\s+off)\b"
    # a live page's end: "This live blog is now closed."
    r"|^this\s+(?:live\s+)?(?:page|blog|live\s+blog|coverage|thread)\s+(?:is|has)\s+(?:now\s+)?"
    r"(?:closed|ended|finished|no\s+longer\s+(?:being\s+)?updated)\b"
    # where the full document is: "For the full text of the decision, see the ministry's
    # website."
    r"|^for\s+the\s+(?:full|complete)\s+(?:text|statement|report|transcript|list|version|"
    r"decision|decisions)\b[^.]{0,80}?\b(?:visit|see|go\s+to|click|read|contact)\b",
    _I,
)

_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|https?://\S+|\bwww\.\S+|(?<![\w@])@[A-Za-z_]\w+"
    # a telephone number: "+46 771 760 000", "+1 (202) 555-0143", "Tel. 020 7946 0321"
    r"|\+\d{1,3}[\s.-]*\(?\d{1,4}\)?(?:[\s.-]*\d{2,4}){2,}|\b(?:tel|phone|ph|mob)\b\.?:?\s*[+(\d]"
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|according\s+to|added|announced|reported|wrote)\b", _I
)
# a quotation or a speech verb: the words are someone else's, not the outlet's
_QUOTED = re.compile(r"[\"“”«»]|\b(?:said|says|told|according\s+to)\b", _I)
_QUOTE_OPEN = ('"', "“", "'", "«")
_SENTENCE_END = (".", "!", "?", '"', "”", "'", ")")
_PIPE_PARTS = re.compile(r"\s+[|·•]\s+")
# an ALL-CAPS section label ("MORE FROM REUTERS", "ASX ANNOUNCEMENT"): no lowercase letter,
# no sentence end, at most six words
_CAPS_LABEL = re.compile(r"^[^a-z.!?]{3,60}$")
_LIST_HEAD = re.compile(
    r"^(?:related(?:\s+\w+)?|also\s+(?:on|in)\b.{0,30}|more\s+(?:on|in)\b.{0,40}|"
    r"more\s+from\b.{0,30}|more\s+(?:stories|explainers?|analysis|features|videos?|podcasts?|"
    r"briefs?|guides?|opinion|insights?)|read\s+more|see\s+also|recommended(?:\s+\w+)?|"
    r"most\s+(?:read|popular|viewed)\b.{0,30}|top\s+stories|trending(?:\s+\w+)?|"
    r"further\s+reading|you\s+may\s+also\s+like|latest(?:\s+news)?)\s*:?\s*$",
    _I,
)


# The head of a section that is about the publisher or the issuer, not the story: what
# follows it up to the next blank line is boilerplate ("About Sibanye-Stillwater" and its
# company description, "Forward-looking statements" and its disclaimer, "Notes to editors").
_SECTION_HEAD = re.compile(
    r"^(?:about\s+(?:the\s+)?[\w&.,'’ -]{1,60}|notes?\s+to\s+editors?|"
    r"forward[\s-]+looking\s+(?:statements?|information)|cautionary\s+(?:note|statement)s?|"
    r"safe\s+harbou?r(?:\s+statement)?|disclaimer|important\s+(?:notice|information)|"
    r"(?:for\s+)?(?:media|investor|press)\s+(?:contacts?|enquiries|inquiries|relations)|contacts?|"
    r"editors?'?s?'?\s+notes?|notes?\s+for\s+editors?|(?:end|foot)notes|references|bibliography|"
    r"for\s+(?:further|more)\s+information)\s*:?\s*$",
    _I,
)
# A line that closes the story: the wire's reporting/editing credit, a release's end mark,
# the copyright line, "(Concluded)". Whatever follows it is page furniture or about the
# publisher, whatever its shape.
_STORY_END = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|edited)\s+by\b|"
    r"^(?:###|#\s*#\s*#|-\s*30\s*-|ends|—\s*ends\s*—|-\s*ends\s*-|\(?\s*(?:concluded|end)\s*\)?\.?)$|"
    r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))|"
    r"^(?:notes?\s+(?:to|for)\s+editors?|(?:media|press|investor)\s+(?:contacts?|relations|"
    r"enquiries|inquiries))\b|"
    # the issuer's closing sections: "About Lynas Rare Earths", "Forward-looking statements",
    # "Cautionary note", "Safe harbor statement" as a whole line
    r"^(?:about\s+(?:the\s+)?[\w&.,'’ -]{1,60}|forward[\s-]+looking\s+(?:statements?|"
    r"information)|cautionary\s+(?:note|statement)s?(?:\s+[\w -]{1,40})?|safe\s+harbou?r"
    r"(?:\s+statement)?)\s*:?\s*$|"
    # the same head run in with its paragraph: "About Al Hajar Copper: Al Hajar … is listed"
    r"^about\s+(?:the\s+|our\s+)?(?!\d)(?-i:[A-Z])[\w&.,'’ -]{1,60}:\s+(?-i:[A-Z])|"
    # the disclaimer paragraph itself opens the release's closing matter
    r"^(?:this|the)\s+(?:news\s+|press\s+)?(?:release|announcement|document|"
    r"presentation)\s+(?:contains|includes|may\s+contain)\s+(?:certain\s+)?"
    r"[\"“]?forward[\s-]+looking",
    _I,
)
# a line that ends like a sentence or leads into one (a clause before a colon or a list)
_CLAUSE_END = (*_SENTENCE_END, ":", ";", ",")
_MAX_TITLE_WORDS = 15  # link titles, section labels and bylines are short
_LIST_LEAD_WORDS = 5


def _is_mark(char: str) -> bool:
    """A pictograph, dingbat or arrow that promo lines start with (✨ 🔗 💡 👉 📌 …)."""
    if char in _ARROWS:
        return True
    if char in "©®™":
        return False
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


def _reported_speech(text: str) -> bool:
    """A quotation or an attributed statement: story text, whatever its first word."""
    return text.startswith(_QUOTE_OPEN) or bool(_ATTRIBUTION.search(text))


def _is_call(text: str) -> bool:
    """An imperative call to action addressed to the reader ("Download our app …")."""
    after_label = _SHORT_LABEL.sub("", text, count=1)
    later = [text[m.end() :] for m in _SENTENCE_STARTS.finditer(text)]
    for candidate in (text, _LEAD_QUESTION.sub("", text, count=1), after_label, *later):
        if _CLICK_HERE.match(candidate):
            return True
        if _STRONG_CALL.match(candidate) and not _reported_speech(candidate):
            return True
        match = _CALL_VERB.match(candidate)
        if not match or _reported_speech(candidate):
            continue
        if _READER.search(candidate, match.end()):
            return True
        short = len(candidate.split()) <= _SHORT_CALL
        if short and _READER_SHORT.search(candidate, match.end()):
            return True
    return False


def _is_menu(text: str) -> bool:
    """A pipe- or dot-separated row of short labels: "Terms of Use | Privacy | Contact"."""
    parts = _PIPE_PARTS.split(text)
    if len(parts) < 2:
        return False
    if any(("%" in p and any(ch.isdigit() for ch in p)) or "$" in p for p in parts):
        return False  # a price or figure table row, not a menu
    return all(len(p.split()) <= 6 and not p.endswith(_SENTENCE_END[:3]) for p in parts)


_COLUMNS = re.compile(r"\s{3,}|\t+|\s*\|\s*")


def _is_table_head(text: str) -> bool:
    """A price table's column heads: three or more short cells set apart by runs of spaces,
    tabs or bars, with no figure and no sentence end ("Metal   Close   Chg   %Chg")."""
    cells = [c for c in _COLUMNS.split(text) if c]
    if len(cells) < 3 or text.endswith(_SENTENCE_END[:3]):
        return False
    return all(len(c.split()) <= 3 and not re.search(r"\d", c) for c in cells)


def _is_contact(text: str) -> bool:
    """An e-mail address, URL or handle in a line that is not a story sentence."""
    if not _CONTACT.search(text) or _ATTRIBUTION.search(text):
        return False
    return not text.endswith(_SENTENCE_END) or len(text.split()) <= 20


_PARENTHESISED = re.compile(r"^[(\[](.+)[)\]]\.?$")

# A disclaimer paragraph is long, unlike other furniture, but its term of art gives it away
# ("This release contains forward-looking statements … actual results may differ …").
_LONG_LEGAL = re.compile(r"\bforward[\s-]+looking\s+(?:statements?|information)\b", _I)


def line_reason(line: str) -> str | None:
    """The boilerplate class of ``line`` (see the module doc), or None for story text."""
    text = line.strip().translate(_APOSTROPHES)
    if len(text) > _MAX_PROMO_LINE:
        return "legal" if _LONG_LEGAL.search(text) else None
    if not text:
        return None
    text = text.lstrip(_BULLETS).strip()
    rest, marked, arrow = _strip_marks(text)
    rest = rest.strip()
    if not rest:
        return None
    if marked:
        if _CUE_AFTER_MARK.match(rest) or _WIDGET_LABELS.match(rest):
            return "link"
        if arrow and len(rest) <= 160 and not rest.endswith(_SENTENCE_END[:5]):
            return "link"  # "👉 How the price floor works" — a bare link title
    inner = _PARENTHESISED.match(rest)
    if inner and inner.group(1).strip() != rest:
        # a whole line in brackets is an editor's aside: "(Source: … The Chinese text
        # prevails.)", "(Additional reporting by …)"; judge what it says
        inside = line_reason(inner.group(1))
        if inside is not None:
            return inside
    if _WIDGET_LABELS.match(rest):
        return "widget"
    if any(p.match(rest) for p in (_CUE_WITH_TITLE, _NOUN_LABEL, _VERB_LABEL, _LIST_HEAD)):
        return "link"
    if any(rule.search(rest) for rule in _CREDIT_RULES):
        return "credit"
    if any(rule.match(rest) for rule in _TIME_RULES):
        return "time"
    for reason, anchored, floating in _OTHER_RULES:
        if anchored.match(rest) or floating.search(rest):
            return reason
    if _is_call(rest):
        return "call"
    if _OUTLET_VOICE.search(rest) and not _QUOTED.search(rest):
        return "promo"
    if _OUTLET_HEAD.match(rest) and not _QUOTED.search(rest):
        return "promo"
    if _REACH_US.match(rest) and not _QUOTED.search(rest):
        return "social"
    if _is_contact(rest) or _is_menu(rest):
        return "social"
    if _is_table_head(rest):
        return "table"
    if _CAPS_LABEL.match(rest) and any(c.isalpha() for c in rest) and len(rest.split()) <= 6:
        return "widget"
    return None


def is_boilerplate_line(line: str) -> bool:
    """True when the whole line is page furniture rather than story text."""
    return line_reason(line) is not None


def _reads_as_sentence(line: str) -> bool:
    """A body paragraph's shape: a sentence end and at least six words."""
    text = line.strip()
    return text.endswith(_SENTENCE_END) and len(text.split()) >= 6


def _kept_row(line: str) -> bool:
    """Bulleted or numbered rows (fact boxes, price tables) are content wherever they are."""
    text = line.strip()
    return text[:1] in "-•*▪" or bool(re.match(r"^\d+[.)]\s", text))


_TABLE_ROW = re.compile(r"^[^:]{1,60}:\s*\S*\d")  # "NdPr oxide: 612,000 yuan/t", "Stake: 12%"


def _title_shaped(line: str) -> bool:
    """The shape of page furniture inside the story: a short line that neither ends nor
    leads into a sentence (a link title, a section label, a byline, a promo or call to
    action, a tag list). Fact-box and table rows are kept."""
    text = line.strip()
    return (
        bool(text)
        and not text.endswith(_CLAUSE_END)
        and len(text.split()) <= _MAX_TITLE_WORDS
        and not _kept_row(text)
        and not _TABLE_ROW.match(text)
    )


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of whole boilerplate lines; the text itself is never changed."""
    return _spans(text, titles=False)


def unread_spans(text: str) -> list[tuple[int, int]]:
    """The lines extraction does not read: :func:`boilerplate_spans`, and inside the story
    every title-shaped line (:func:`_title_shaped`: a related-link title or promo between
    two paragraphs, a section subhead, a byline) with the short lead of a run of them
    ("Read also:"). Subheads state no facts, and their shape cannot be told from a link
    title's, so neither is read; they are not called boilerplate."""
    return _spans(text, titles=True)


def _spans(text: str, titles: bool) -> list[tuple[int, int]]:
    lines: list[tuple[int, str]] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        lines.append((offset, raw.rstrip(_LINE_ENDS)))
        offset += len(raw)
    flagged = [False] * len(lines)
    in_list = False
    for i, (_, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            in_list = False
            continue
        if in_list or is_boilerplate_line(line) or _SECTION_HEAD.match(stripped):
            flagged[i] = True
            head = _LIST_HEAD.match(stripped.rstrip()) or _SECTION_HEAD.match(stripped)
            in_list = in_list or bool(head)
    body = [
        i
        for i, (_, line) in enumerate(lines)
        if line.strip() and not flagged[i] and _reads_as_sentence(line)
    ]
    filled = [i for i, (_, line) in enumerate(lines) if line.strip()]
    headline = next((i for i, (_, line) in enumerate(lines) if line.strip()), -1)
    body = [i for i in body if i != headline]
    if body:
        margins = [i for i in filled if headline < i < body[0] or i > body[-1]]
        for i in margins:
            line = lines[i][1]
            if not _reads_as_sentence(line) and not _kept_row(line):
                flagged[i] = True
    if body:
        ends = [i for i in filled if i > body[0] and _STORY_END.match(lines[i][1].strip())]
        for i in filled if ends else ():
            flagged[i] = flagged[i] or i >= ends[0]
    if body and titles:
        inside = [i for i in filled if body[0] < i < body[-1]]
        for i in inside:
            if _title_shaped(lines[i][1]):
                flagged[i] = True
        for i in inside:
            line = lines[i][1].strip()
            lead = line.endswith(":") and len(line.split()) <= _LIST_LEAD_WORDS
            if lead and i + 1 < len(lines) and flagged[i + 1] and lines[i + 1][1].strip():
                flagged[i] = True
    return [
        (start, start + len(line)) for (start, line), hit in zip(lines, flagged, strict=True) if hit
    ]
