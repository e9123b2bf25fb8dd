"""A full build writes its files from sorted runs and a section spool on disk, and releases the
article graphs once they are in the store; the bytes are those of the whole-store writers."""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

import pyoxigraph
import pytest

from kg.build import chunks, manifest, outputs
from kg.build.chunks import LineRuns, SectionSpool, write_nquads, write_trig, write_trig_ordered
from kg.build.dataset import build_dataset
from kg.config import load_settings
from kg.graph.assemble import assemble_dataset
from kg.publish.void import void_turtle
from kg.rdf.stream import serialize
from tests.support.generated import load_generator

ARTICLES = 12


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("generated")
    generator = load_generator()
    generator.generate(home, ARTICLES, 7, generator.REPO / "corpus" / "entities.ttl")
    return home


def _built(corpus: Path, home: Path) -> Path:
    shutil.copytree(corpus / "corpus", home / "corpus")
    build_dataset(load_settings({"home": home}, environ={}), full=True)
    return home / "build"


def test_files_from_many_runs_are_the_whole_store_bytes(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With runs of a few lines (hundreds of run files) and the store flushed every few
    graphs, cmkg.nq, cmkg.trig and void.ttl are the bytes the whole-store writers give for
    the built store, and a build's own bytes."""
    normal = _built(corpus, tmp_path / "normal")
    monkeypatch.setattr(chunks, "RUN_CHARS", 2_000)
    monkeypatch.setattr(outputs, "FLUSH_BYTES", 20_000)
    small = _built(corpus, tmp_path / "small")
    for name in ("cmkg.nq", "cmkg.trig", "void.ttl"):
        assert (small / name).read_bytes() == (normal / name).read_bytes(), name
    store = pyoxigraph.Store.read_only(str(small / "store"))
    assert (small / "cmkg.nq").read_bytes() == serialize(store, "nq")
    assert (small / "cmkg.trig").read_bytes() == serialize(store, "trig")
    assert (small / "void.ttl").read_bytes() == void_turtle(store)  # counts from the store
    version = (small / "current").resolve()
    assert not (version / outputs.SCRATCH).exists()


def test_write_nquads_counts_distinct_triples(tmp_path: Path) -> None:
    lines = [
        '<s> <p> "a" <g2> .\n',
        '<s> <p> "a"@en <g1> .\n',
        '<s> <p> "a" <g1> .\n',
        '<s> <p> "x <y> z" <g1> .\n',
        "<s> <p> <o> <g1> .\n",
        "<s> <p> <o> <g3> .\n",
        "<t> <p> <o> <g1> .\n",
    ]
    ordered = sorted(lines)
    assert write_nquads(tmp_path / "out.nq", ordered + ordered[-1:], count=True) == 5
    assert (tmp_path / "out.nq").read_text("utf-8") == "".join(ordered)


def test_line_runs_merge_spilled_runs_in_order(tmp_path: Path) -> None:
    graphs = [[f"<s{n:03d}> <p> <o> <g{g}> .\n" for n in range(g, 300, 7)] for g in range(7)]
    runs = LineRuns(tmp_path / "runs", limit=500)
    for lines in reversed(graphs):
        runs.add(lines)
    assert len(runs.runs) > 3
    assert list(runs.merged()) == sorted(line for lines in graphs for line in lines)
    in_memory = LineRuns(tmp_path / "none")
    in_memory.add(["<b> <p> <o> <g> .\n", "<a> <p> <o> <g> .\n"])
    assert list(in_memory.merged()) == ["<a> <p> <o> <g> .\n", "<b> <p> <o> <g> .\n"]
    assert not (tmp_path / "none").exists()


def test_spooled_sections_give_the_same_trig(tmp_path: Path) -> None:
    sections = [
        ("https://w3id.org/cmkg/graph/b", b"b-section\n", ["cmkg", "rdfs"]),
        ("https://w3id.org/cmkg/graph/a", b"a-section\n", ["cmkg"]),
        ("https://w3id.org/cmkg/graph/c", b"c-section\n", ["xsd"]),
    ]
    expected = write_trig(tmp_path / "whole.trig", sections)
    spool = SectionSpool(tmp_path / "spool" / "sections")
    for iri, section, prefixes in sections:
        spool.add(iri, section, prefixes)
    index = write_trig_ordered(tmp_path / "spooled.trig", spool.prefixes(), spool.sections())
    assert (tmp_path / "spooled.trig").read_bytes() == (tmp_path / "whole.trig").read_bytes()
    assert index.sections == expected.sections


def test_write_full_releases_the_article_graphs(corpus: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(corpus / "corpus", home / "corpus")
    settings = load_settings({"home": home}, environ={})
    assembly = assemble_dataset(settings)
    refs = [weakref.ref(graph) for graph in assembly.graphs.values()]
    assert len(refs) > ARTICLES
    (tmp_path / "version").mkdir()
    written = outputs.write_full(
        tmp_path / "version", assembly, manifest.input_hashes(settings), "context", print
    )
    assert written.cache is not None and len(written.cache.articles) == ARTICLES
    gc.collect()
    assert not assembly.graphs
    assert [ref for ref in refs if ref() is not None] == []


G = "https://w3id.org/cmkg/graph/inferred"
_C = "https://w3id.org/cmkg/ontology#"


def _q(s: str, p: str, o: pyoxigraph.NamedNode | pyoxigraph.Literal) -> pyoxigraph.Quad:
    return pyoxigraph.Quad(
        pyoxigraph.NamedNode(s), pyoxigraph.NamedNode(p), o, pyoxigraph.NamedNode(G)
    )


TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
BASE = [
    _q("https://w3id.org/cmkg/id/a", TYPE, pyoxigraph.NamedNode(_C + "Proposal")),
    _q("https://w3id.org/cmkg/id/a", _C + "date", pyoxigraph.Literal("2024")),
    _q("https://w3id.org/cmkg/id/ab", TYPE, pyoxigraph.NamedNode(_C + "Event")),
    _q("http://example.org/x(y)", _C + "status", pyoxigraph.NamedNode(_C + "accepted")),
    _q("https://w3id.org/cmkg/id/b", TYPE, pyoxigraph.NamedNode(_C + "Country")),
]


@pytest.mark.parametrize("quads", [BASE, BASE[:1], []], ids=["several", "one", "empty"])
def test_a_section_written_block_by_block_is_the_chunk_bytes(
    quads: list[pyoxigraph.Quad],
) -> None:
    store = pyoxigraph.Store()
    store.extend(quads)
    whole = chunks.chunk(store, G)
    blocked, index = chunks.chunk_blocks(store, G)
    assert (blocked.section, blocked.prefixes, blocked.lines) == (
        whole.section,
        whole.prefixes,
        whole.lines,
    )
    assert len(index) == len({q.subject for q in quads})
    for offset, length, _ in index.values():
        assert blocked.section[offset : offset + length].endswith(b" .\n")


# (quads removed, quads added): a subject changed, one gone, one new (sorting between
# others and after a prefix of its IRI), a new prefix, the graph emptied and refilled
EDITS = {
    "changed": (
        [BASE[1]],
        [_q("https://w3id.org/cmkg/id/a", _C + "date", pyoxigraph.Literal("2025"))],
    ),
    "gone": ([BASE[2]], []),
    "new": ([], [_q("https://w3id.org/cmkg/id/aa", TYPE, pyoxigraph.NamedNode(_C + "Measure"))]),
    "prefix": (
        [],
        [
            _q(
                "https://w3id.org/cmkg/id/b",
                "http://purl.org/dc/terms/date",
                pyoxigraph.Literal("x"),
            )
        ],
    ),
    "emptied": (BASE, []),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_patching_the_changed_subjects_gives_the_new_chunk_bytes(edit: str) -> None:
    """The section made from the previous one with only the changed subjects' blocks
    written again is the section of the changed graph, and so is its block index."""
    removed, added = EDITS[edit]
    store = pyoxigraph.Store()
    store.extend(BASE)
    before, old_index = chunks.chunk_blocks(store, G)
    for quad in removed:
        store.remove(quad)
    store.extend(added)
    subjects = {q.subject for q in [*removed, *added]}
    section, prefixes, index = chunks.patch_blocks(store, G, before.section, old_index, subjects)
    after, new_index = chunks.chunk_blocks(store, G)
    assert (section, prefixes, index) == (after.section, after.prefixes, new_index)
    assert section == chunks.chunk(store, G).section


def _nq(subject: str, obj: str = "o") -> str:
    return f'<{subject}> <p> "{obj}" <{G}> .\n'


OLD = sorted(_nq(s) for s in ("s1", "s10", "s2", "s3", "s\u00e9", "s\u4e2d"))
# (dropped, added): at the start, the end, between a line and one it is a prefix of, in
# place of the dropped line, a line dropped and added again, non-ASCII (code-point order is
# UTF-8 byte order), an added line already there (written once, as merge_nquads did)
PATCHES = {
    "start": ([OLD[0]], [_nq("a")]),
    "end": ([OLD[-1]], [_nq("z"), _nq("\U0001f600")]),
    "prefix": ([], [_nq("s1", "n"), _nq("s10", "a")]),
    "replace": ([OLD[2]], [_nq("s2", "new")]),
    "same": ([OLD[3]], [OLD[3]]),
    "non-ascii": ([OLD[4]], [_nq("s\u00e8"), _nq("s\u00ff")]),
    "present": ([], [OLD[1]]),
    "all": (OLD, []),
    "none": ([], []),
}


@pytest.mark.parametrize("name", sorted(PATCHES))
def test_patching_nquads_gives_the_sorted_lines(tmp_path: Path, name: str) -> None:
    dropped, added = PATCHES[name]
    old = tmp_path / "old.nq"
    write_nquads(old, OLD)
    out = tmp_path / "new.nq"
    chunks.patch_nquads(old, dropped, added, out)
    expected = tmp_path / "expected.nq"
    write_nquads(expected, sorted((set(OLD) - set(dropped)) | set(added)))
    assert out.read_bytes() == expected.read_bytes()


def test_patching_from_an_empty_file_and_a_missing_line(tmp_path: Path) -> None:
    empty, out = tmp_path / "empty.nq", tmp_path / "out.nq"
    empty.write_bytes(b"")
    chunks.patch_nquads(empty, [], OLD[::-1], out)
    assert out.read_text("utf-8") == "".join(OLD)  # sorted
    with pytest.raises(ValueError, match="not in"):
        chunks.patch_nquads(out, [_nq("s4")], [], tmp_path / "other.nq")
