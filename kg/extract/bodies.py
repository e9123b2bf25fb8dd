"""Government bodies named through a portfolio: titles and unqualified ministries.

* A title names its department (:func:`portfolio_ents`): "Secretary of Defense", "Secretary
  of the Interior Doug Burgum", "Commerce Secretary", "Business and Trade Secretary" link
  the registry body whose name is "Department of/for (the) <portfolio>" or "<portfolio>
  Department" (or "Ministry of <portfolio>", "<portfolio> Ministry" after "Minister").
* A ministry without its country (:func:`resolve_ministries`, and :func:`ministry_ents` for
  "the foreign ministry" in lowercase): "Foreign ministry
  spokesperson Mao Ning" in a story about China is China's foreign ministry. The country is
  the one named right before it, else the one the article has named most; the registry
  entry of "<Demonym> <portfolio> ministry" (or "<Country>'s …", "Ministry of … of
  <Country>", or that country's "Ministry of <portfolio>") is linked. A ministry with its
  country right before it that the registry lacks is proposed with the registry's slug
  style ``<country>-ministry-of-<portfolio>`` or ``<country>-department-of-<portfolio>``
  ("foreign" is "foreign affairs"; "Peru's Ministry of Transport and Communications"). The
  country is the one right before the name, else the one the sentence names as itself
  ("In Bolivia, the Ministry of …"; not "to Japan"), else the one the article names most;
  only the first two are asserted as its jurisdiction. A country named after the body ("The
  Ministry of … asked China") is what it acts on, not its home. The same holds for other
  national institutions named without their country ("the Cabinet of Ministers", "the
  Secretariat of Economy", "the Directorate General of Mines", "the House of
  Representatives": ``<country>-cabinet-of-ministers``), for "<portfolio> ministry" in
  lowercase that the registry lacks, and for a legislature named by its common noun ("the
  Philippine Senate" keeps its whole name; "Australia's Senate", "the Congress", "in
  parliament" are ``<country>-senate`` …).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.spans import Ent, Frame
from kg.rdf.terms import slugify

if TYPE_CHECKING:
    from spacy.tokens import Span

    from kg.extract.gazetteer import Registry

_HOLDERS = {
    "secretary": ("Department of {}", "Department of the {}", "Department for {}", "{} Department"),
    "minister": ("Ministry of {}", "Ministry for {}", "{} Ministry"),
}
_MAX_PORTFOLIO = 6  # tokens: "Economy , Trade and Industry""
_GLUE = ("and", "&", ",")


def _body(registry: Registry, holder: str, words: str, country: str | None) -> str | None:
    forms = [form.format(words) for form in _HOLDERS[holder]]
    if holder == "minister" and country is not None:  # "Minister of Mining" in Chile
        forms += _ministry_forms(registry, country, words)
    for form in forms:
        slug = registry.slug_for_label(form)
        entity = registry.get(slug) if slug else None
        if entity is not None and entity.type == "GovernmentBody":
            return slug
    return None


def _free(ents: list[Ent], start: int, end: int) -> bool:
    return not any(e.start < end and start < e.end for e in ents)


def portfolio_ents(
    sent: Span, ents: list[Ent], registry: Registry, country: str | None = None
) -> list[Ent]:
    """Registry departments named by a title's portfolio (see the module docstring);
    ``country`` is the article's country, for a minister's ministry."""
    doc = sent.doc
    found: list[Ent] = []
    for i in range(sent.start, sent.end):
        holder = doc[i].lower_
        if holder not in _HOLDERS or not doc[i].is_title:
            continue
        spans: list[tuple[int, int]] = []
        # "<Portfolio> Secretary": capitalised words (with "and") right before the title
        first = i
        while first > sent.start and i - first < _MAX_PORTFOLIO:
            prev = doc[first - 1]
            if not (prev.is_title or (prev.lower_ in _GLUE and first - 1 > sent.start)):
                break
            first -= 1
        while first < i and doc[first].lower_ in _GLUE:
            first += 1
        spans += [(k, i) for k in range(first, i)]  # longest first
        # "Secretary of (the) <Portfolio> …": the shortest run of capitalised words that
        # names a body (a person's name may follow: "of the Interior Doug Burgum")
        k = i + 1
        if k < sent.end and doc[k].lower_ in ("of", "for"):
            k += 1 + (k + 1 < sent.end and doc[k + 1].lower_ == "the")
            spans += [(k, k + n) for n in range(1, _MAX_PORTFOLIO + 1) if k + n <= sent.end]
        for start, end in spans:
            if not all(doc[j].is_title or doc[j].lower_ in _GLUE for j in range(start, end)):
                continue
            slug = _body(registry, holder, doc[start:end].text, country)
            if slug and _free(ents + found, start, end):
                found.append(Ent(slug, "GovernmentBody", start, end, doc[start:end].text))
                break
    return found


_PORTFOLIO = r"[A-Za-z]+(?:,\s+[A-Za-z]+)*(?:\s+and\s+[A-Za-z]+(?:\s+[A-Za-z]+)?)?"
_MINISTRY = re.compile(
    rf"^(?:the\s+)?(?:(?P<a>{_PORTFOLIO})\s+[Mm]inistry"
    rf"|(?P<federal>Federal\s+)?(?P<head>Ministry|Department)\s+(?:of|for)\s+(?:the\s+)?"
    r"(?P<b>[A-Za-z]+(?:(?:,\s+|\s+and\s+|\s+)[A-Za-z]+)*))$"
)
_PORTFOLIO_NAMES = {"foreign": "foreign affairs", "finance": "finance", "economy": "economy"}


# registry aliases that are a common noun for any country's institution: "Congress" is the
# US Congress in a story that names the US, not in one about the Philippines alone
_NATIONAL_WORDS = frozenset({"congress", "senate", "house of representatives", "parliament"})


def scoped_ents(ents: list[Ent], registry: Registry, named: set[str]) -> list[Ent]:
    """``ents`` without bare national-institution words ("Congress") that the registry
    gives to a country the article has not named (``named``: countries so far)."""
    named = named | {e.slug for e in ents if e.type == "Country"}
    kept: list[Ent] = []
    for ent in ents:
        entity = registry.get(ent.slug)
        foreign = (
            entity is not None
            and entity.jurisdiction is not None
            and entity.jurisdiction not in named
            and ent.text.lower() in _NATIONAL_WORDS
        )
        if not foreign:
            kept.append(ent)
    return kept


def _ministry_forms(registry: Registry, country: str, portfolio: str) -> list[str]:
    entity = registry.get(country)
    if entity is None:
        return []
    names = [entity.label, *entity.aliases[:2]]
    forms = [f"{d} {portfolio} ministry" for d in entity.demonyms]
    forms += [f"{n}'s {portfolio} ministry" for n in names]
    forms += [f"Ministry of {portfolio} of {n}" for n in names]
    return forms


_PORTFOLIO_WORDS = frozenset(
    {
        "foreign",
        "commerce",
        "trade",
        "finance",
        "economy",
        "industry",
        "mining",
        "mines",
        "energy",
        "defence",
        "defense",
        "interior",
        "justice",
        "environment",
    }
)


_MINISTRIES: dict[int, dict[str, list[tuple[str, frozenset[str]]]]] = {}


def _country_ministries(registry: Registry, country: str) -> list[tuple[str, frozenset[str]]]:
    """(slug, portfolio words) of the registry's ministries of ``country``."""
    index = _MINISTRIES.get(id(registry))
    if index is None:
        index = {}
        for slug in sorted(registry.entities):
            entity = registry.entities[slug]
            if entity.type != "GovernmentBody" or entity.jurisdiction is None:
                continue
            home = registry.get(entity.jurisdiction)
            ministry = re.match(r"(?:Federal\s+)?(?:Ministry|Department)\b", entity.label)
            if ministry is None and not (home and entity.label.endswith(home.label)):
                continue  # an office or agency ("Office of Foreign Assets Control")
            drop = {"and", "the", "of", "for", "ministry", "department", "federal"}
            if home is not None:  # "Natural Resources Canada": the country is no portfolio
                for name in (home.label, *home.aliases, *home.demonyms):
                    drop |= set(re.findall(r"[a-z]+", name.lower()))
            words = frozenset(re.findall(r"[a-z]+", entity.label.lower())) - drop
            if words:
                index.setdefault(entity.jurisdiction, []).append((slug, words))
        _MINISTRIES[id(registry)] = index
    return index.get(country, [])


def ministry_by_portfolio(registry: Registry, country: str, portfolio: str) -> str | None:
    """The registry ministry of ``country`` named by a word of its portfolio ("South Korea's
    trade ministry" is its Ministry of Trade, Industry and Energy), when only one fits."""
    forms = _ministry_forms(registry, country, portfolio)
    slug = next((s for f in forms if (s := registry.slug_for_label(f))), None)
    if slug is not None:
        return slug
    words = set(re.findall(r"[a-z]+", portfolio.lower())) - {"and", "the"}
    if not words:
        return None
    # the body sharing most of the portfolio's words (all but one at least): "Energy and
    # Natural Resources Minister" heads Natural Resources Canada
    shared = [(len(words & have), s) for s, have in _country_ministries(registry, country)]
    need = max(1, len(words) - 1)
    best = max((n for n, _ in shared), default=0)
    fits = [s for n, s in shared if n == best]
    return fits[0] if best >= need and len(fits) == 1 else None


def _owner_before(sent: Span, ents: list[Ent], start: int) -> str | None:
    """The country named right before a name: "South Korea's …", "the Indonesian …"."""
    doc = sent.doc
    at = start - 1 if start - 1 >= sent.start and doc[start - 1].lower_ in ("'s", "’s") else start
    near = next((e for e in ents if e.type == "Country" and e.end == at), None)
    return near.slug if near is not None else None


def ministry_ents(
    sent: Span, ents: list[Ent], registry: Registry, country: str | None
) -> list[Ent]:
    """ "the foreign ministry said", written in lowercase: the registry ministry of the
    country named right before it ("South Korea's trade ministry"), else of the article's
    country, with that portfolio (or one word of it), if the registry has it."""
    doc = sent.doc
    found: list[Ent] = []
    for i in range(sent.start + 1, sent.end):
        if doc[i].lower_ != "ministry" or doc[i - 1].lower_ not in _PORTFOLIO_WORDS:
            continue
        if not _free(ents, i - 1, i + 1):
            continue
        owner = _owner_before(sent, ents, i - 1) or country
        if owner is None:
            continue
        slug = ministry_by_portfolio(registry, owner, doc[i - 1].lower_)
        if slug is not None:
            found.append(Ent(slug, "GovernmentBody", i - 1, i + 1, doc[i - 1 : i + 1].text))
    return found


# first words of a minister's title that are no portfolio ("Prime Minister")
_NOT_PORTFOLIO = frozenset(
    {
        "prime",
        "coordinating",
        "deputy",
        "chief",
        "first",
        "senior",
        "state",
        "cabinet",
        "former",
        "acting",
        "vice",
        "junior",
        "assistant",
        "the",
        "a",
        "an",
    }
)
# ranks inside a ministry before its portfolio: "Deputy Industry Minister", "Acting Mines
# Minister" hold in the ministry as the minister does
RANKS = frozenset({"deputy", "vice", "acting", "assistant", "junior"})
_NAME_LABELS = ("GPE", "NORP", "LOC", "PERSON")


def minister_bodies(
    sent: Span,
    ents: list[Ent],
    registry: Registry,
    country: str | None,
    guess: str | None = None,
) -> list[Frame]:
    """ "Economy Minister Luis Caputo", "Indonesia's Energy Minister …": a minister's
    portfolio names a ministry of the country named right before the title, else of
    ``country`` (the only country the article has named so far, if any), else of
    ``guess`` (the country the article names at least twice as often as any other). A
    ministry the registry lacks is proposed, registry style
    (``<country>-ministry-of-<portfolio>``, jurisdiction the country); a known one is left
    to :func:`portfolio_ents`."""
    doc = sent.doc
    frames: list[Frame] = []
    names = [
        n
        for n in doc.spans.get("ner", [])
        if n.label_ in _NAME_LABELS and sent.start <= n.start < sent.end
    ]
    for i in range(sent.start + 1, sent.end):
        if doc[i].text != "Minister":
            continue
        first = i
        while first > sent.start and i - first < _MAX_PORTFOLIO:
            prev = doc[first - 1]
            glue = prev.lower_ in _GLUE and first - 1 > sent.start and first < i
            if not ((prev.is_title and prev.is_alpha) or glue) or not _free(ents, first - 1, first):
                break
            if any(n.start <= first - 1 < n.end for n in names):
                break
            first -= 1
        while first < i and doc[first].lower_ in _GLUE:
            first += 1
        while first < i and doc[first].lower_ in RANKS:
            first += 1  # "Deputy Industry Minister": a rank inside the ministry
        if first == i or doc[first].lower_ in _NOT_PORTFOLIO:
            continue
        if any(doc[k].lower_ in _NOT_PORTFOLIO for k in range(first, i)):
            continue
        if any(doc[k].is_stop and doc[k].lower_ not in _GLUE for k in range(first, i)):
            continue  # "During …": a capitalised word that is no portfolio
        owner = _owner_before(sent, ents, first) or country or guess
        if owner is None:
            continue
        portfolio = doc[first:i].text
        if ministry_by_portfolio(registry, owner, portfolio.lower()) is not None:
            continue
        topic = _PORTFOLIO_NAMES.get(portfolio.lower(), portfolio)
        prefix = "us" if owner == "united-states" else owner
        node = slugify(f"{prefix} ministry of {topic}")
        label = f"Ministry of {topic}"
        frame = Frame("GovernmentBody", node, {}, 0.5, label, node=node, span=(first, i))
        frame.properties["jurisdiction"] = [owner]
        frames.append(frame)
    frames += _lowercase_ministries(sent, ents, registry, country, guess)
    frames += _legislatures(sent, ents, registry, country or guess)
    return frames


_LEGISLATURES = frozenset({"Senate", "Congress", "Parliament", "parliament"})


def _legislatures(
    sent: Span, ents: list[Ent], registry: Registry, country: str | None
) -> list[Frame]:
    """A legislature named by its common noun that the registry does not link: "the
    Philippine Senate" (``philippine-senate``, its whole name), "Australia's Senate", "the
    Congress", "in parliament" (``<country>-senate``, ``<country>-parliament``: the
    country named right before it, else ``country``, the article's)."""
    doc = sent.doc
    frames: list[Frame] = []
    for i in range(sent.start + 1, sent.end):
        word = doc[i].text
        if word not in _LEGISLATURES or not _free(ents, i, i + 1):
            continue
        if i + 1 < sent.end and doc[i + 1].is_title and doc[i + 1].is_alpha:
            continue  # "Senate Energy and Natural Resources Committee": a longer name
        if doc[i].dep_ == "appos":
            continue  # "the Verkhovna Rada, Ukraine's parliament": the name is before
        near = next((e for e in ents if e.type == "Country" and e.end in (i, i - 1)), None)
        if near is not None and near.end == i - 1 and doc[i - 1].lower_ not in ("'s", "’s"):
            near = None
        owner = near.slug if near is not None else country
        if owner is None or registry.get(owner) is None:
            continue
        if near is not None and near.demonym:
            label = f"{near.text} {word.title()}"  # "Philippine Senate"
            node, start = slugify(label), near.start
        else:
            prefix = "us" if owner == "united-states" else owner
            label = f"{word.title()} of {registry.get(owner).label}"  # type: ignore[union-attr]
            node, start = slugify(f"{prefix} {word}"), i
        frame = Frame("GovernmentBody", node, {}, 0.5, label, node=node, span=(start, i + 1))
        if near is not None:
            frame.properties["jurisdiction"] = [owner]
        frames.append(frame)
    return frames


def _lowercase_ministries(
    sent: Span, ents: list[Ent], registry: Registry, country: str | None, guess: str | None
) -> list[Frame]:
    """ "Indonesia's trade ministry", "the mines ministry" (lowercase): a ministry of the
    country named right before it, else of ``country``, else of ``guess``, that the
    registry lacks, proposed registry style (``<country>-ministry-of-<portfolio>``; a
    registry one is linked by :func:`ministry_ents`)."""
    doc = sent.doc
    frames: list[Frame] = []
    for i in range(sent.start + 1, sent.end):
        if doc[i].text != "ministry" or doc[i - 1].lower_ not in _PORTFOLIO_WORDS:
            continue
        if not doc[i - 1].is_lower or not _free(ents, i - 1, i + 1):
            continue
        owner = _owner_before(sent, ents, i - 1) or country or guess
        if owner is None:
            continue
        portfolio = doc[i - 1].lower_
        if ministry_by_portfolio(registry, owner, portfolio) is not None:
            continue
        topic = _PORTFOLIO_NAMES.get(portfolio, portfolio)
        prefix = "us" if owner == "united-states" else owner
        node = slugify(f"{prefix} ministry of {topic}")
        label = f"Ministry of {topic.title()}"
        frame = Frame("GovernmentBody", node, {}, 0.5, label, node=node, span=(i - 1, i + 1))
        frame.properties["jurisdiction"] = [owner]
        frames.append(frame)
    return frames


# a country after these words is the counterpart of the sentence, not its home ("stopped
# exporting neodymium to Japan after the Department of Atomic Energy …")
_COUNTERPART_WORDS = frozenset({"to", "from", "with", "against", "on", "for", "by", "and"})


def _home(sent: Span | None, ent: Ent) -> bool:
    """``ent`` is a country the sentence names as itself, not as a demonym or after a
    counterpart's preposition."""
    if sent is None or ent.type != "Country" or ent.demonym:
        return False
    return ent.start == sent.start or sent.doc[ent.start - 1].lower_ not in _COUNTERPART_WORDS


def resolve_ministries(
    frames: list[Frame],
    ents: list[Ent],
    registry: Registry,
    country: str | None,
    sent: Span | None = None,
) -> tuple[list[Frame], list[Ent]]:
    """``frames`` with each new, country-less ministry resolved against the country the
    sentence ``sent`` names itself (:func:`_home`), else ``country`` (the article's
    country); the ones that are registry bodies come back as linked entities instead."""
    kept: list[Frame] = []
    linked: list[Ent] = []
    for frame in frames:
        match = _MINISTRY.match(frame.label) if frame.type == "GovernmentBody" else None
        if match is None and frame.type == "GovernmentBody" and frame.span is not None:
            _national_body(frame, ents, country, sent)
        if match is None or frame.span is None:
            kept.append(frame)
            continue
        portfolio = (match.group("a") or match.group("b") or "").lower()
        start, end = frame.span
        near = next((e for e in ents if e.type == "Country" and 0 <= start - e.end <= 1), None)
        # a country named after the body is what it acts on ("The Ministry of Heavy
        # Industries asked China …"), not its home
        stated = near or next((e for e in ents if _home(sent, e) and e.end <= start), None)
        owner = stated.slug if stated is not None else country
        prefix = "us" if owner == "united-states" else owner
        if owner is None or frame.node not in (
            slugify(frame.label),
            slugify(f"{prefix} {frame.label}"),
        ):
            kept.append(frame)  # no country to read it against, or a name of its own
            continue
        forms = [f"Ministry of {portfolio}", f"{portfolio} Ministry", f"Department of {portfolio}"]
        slug = next((s for f in forms if (s := registry.slug_for_label(f))), None)
        entity = registry.get(slug) if slug else None
        if entity is not None and entity.jurisdiction == owner:  # "Ministry of Trade, …"
            linked.append(Ent(entity.slug, "GovernmentBody", start, end, frame.label))
            continue
        slug = ministry_by_portfolio(registry, owner, portfolio)
        if slug is not None:
            linked.append(Ent(slug, "GovernmentBody", start, end, frame.label))
            continue
        topic = _PORTFOLIO_NAMES.get(portfolio, portfolio)
        head = (match.group("head") or "ministry").lower()
        node = slugify(f"{prefix} {head} of {topic}")
        frame.node = frame.key = node
        if stated is not None:
            # only a stated country is asserted as the jurisdiction; the country named
            # most (the guess) is often the counterpart's: it names the body registry style
            # (right 4 of 6 times on dev and fresh articles, with the sentence's own
            # country tried first) but is not asserted
            frame.properties.setdefault("jurisdiction", [owner])
        kept.append(frame)
    return kept, linked


# the head of a national institution's name that says nothing of its country: "the Cabinet
# of Ministers", "the Secretariat of Economy", "the Directorate General of Mines", "the House
# of Representatives" are the article's country's, named registry style
# (``<country>-cabinet-of-ministers``, as ``<country>-ministry-of-<portfolio>``)
_NATIONAL_HEAD = re.compile(
    r"^(?:the\s+)?(?:Cabinet|Secretariat|Directorate|Treasury|Senate|Congress|Parliament"
    r"|House\s+of\s+Representatives|National\s+Assembly)\b"
)


def _national_body(frame: Frame, ents: list[Ent], country: str | None, sent: Span | None) -> None:
    """Give a new national institution named without its country (:data:`_NATIONAL_HEAD`)
    the country named right before it, else the one the sentence names as itself before
    it, else ``country`` (the article's); only a stated country is its jurisdiction."""
    if frame.span is None or not _NATIONAL_HEAD.match(frame.label):
        return
    if frame.node != slugify(frame.label):
        return  # a country already in the slug
    start = frame.span[0]
    near = next((e for e in ents if e.type == "Country" and 0 <= start - e.end <= 1), None)
    stated = near or next((e for e in ents if _home(sent, e) and e.end <= start), None)
    owner = stated.slug if stated is not None else country
    if owner is None:
        return
    prefix = "us" if owner == "united-states" else owner
    frame.node = frame.key = slugify(f"{prefix} {frame.label}")
    if stated is not None:
        frame.properties.setdefault("jurisdiction", [owner])
