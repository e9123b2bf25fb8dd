"""kg.progress: plain lines off a terminal, with count, rate and ETA; heartbeats; the bar."""

from __future__ import annotations

import io
import re
import time

from kg.progress import Progress, Steps, duration, track


def test_lines_off_a_terminal_carry_count_rate_and_eta() -> None:
    out = io.StringIO()
    with Progress("publishing", 4, unit="graph", stream=out, interval=0.0, heartbeat=0) as bar:
        for name in ("a", "b", "c", "d"):
            bar.advance(1, name)
    lines = out.getvalue().splitlines()
    assert re.fullmatch(r"publishing: 1/4 \(25\.0%\) [\d.]+ graph/s ETA \d+s a", lines[0])
    assert lines[3].startswith("publishing: 4/4 (100.0%)") and lines[3].endswith(" d")
    assert lines[-1].startswith("publishing: done, 4 graph in ")


def test_lines_are_throttled_but_the_last_one_always_comes() -> None:
    out = io.StringIO()
    items = list(track(range(1000), "counting", stream=out))
    assert items == list(range(1000))
    lines = out.getvalue().splitlines()
    assert len(lines) <= 3
    assert "1000/1000" in lines[-2] and lines[-1].startswith("counting: done, 1000 item")


def test_a_slow_step_gets_heartbeat_lines() -> None:
    out = io.StringIO()
    with Progress("extracting", 2, stream=out, heartbeat=0.2) as bar:
        bar.advance(1, "first")
        time.sleep(0.7)
    assert "still working after" in out.getvalue()


def test_steps_print_stages_with_elapsed_time_and_heartbeats() -> None:
    out = io.StringIO()
    with Steps(out, heartbeat=0.2) as say:
        say("assembling graphs")
        time.sleep(0.7)
        say("writing")
    text = out.getvalue()
    assert text.startswith("[0s] assembling graphs\n")
    assert "… still assembling graphs" in text and "writing" in text


def test_a_terminal_gets_a_bar() -> None:
    out = io.StringIO()
    with Progress("building", 3, stream=out, terminal=True, heartbeat=0) as bar:
        bar.advance(3)
    assert "3/3" in out.getvalue() and "building" in out.getvalue()


def test_durations() -> None:
    assert [duration(s) for s in (4.4, 188, 7500)] == ["4s", "3m08s", "2h05m"]
