"""Driving the sociogram in a real browser: what it shows, what the store holds, gestures.

Shared by the sociogram's browser tests and ``benchmarks/bench_network.py``: reading the
canvas (people with their ring and sector, the pairs drawn, the tray), reading the learner
store file, dragging with the mouse, and axe-core on the sociogram.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

ROOT = ".ck-sg"
#: What the canvas shows: each person's id, name, ring (closeness) and sector; each pair
#: drawn (strength 0 included, drawn only beside the person picked); the tray's names.
SHOWN_JS = """(root) => ({
    nodes: [...root.querySelectorAll('.ck-sg-node')].map(
        g => [g.dataset.id, g.dataset.name, Number(g.dataset.strength), g.dataset.group]),
    pairs: [...root.querySelectorAll('line.ck-sg-pair')].map(
        l => [...[l.dataset.a, l.dataset.b].sort(), Number(l.dataset.strength)]),
    tray: [...root.querySelectorAll('.ck-sg-chip')].map(c => c.textContent),
    types: [...root.querySelectorAll('.ck-sg-bin')].map(
        b => [b.dataset.type, [...b.querySelectorAll('li span')].map(s => s.textContent)]),
})"""
SIDES = {1: "inside", 0: "outside", None: "unknown"}


def sociogram(page):
    """The sociogram on the page (the first one)."""
    return page.locator(ROOT).first


def shown(page) -> dict:
    """What the canvas shows, as sets and lists of plain values."""
    data = sociogram(page).evaluate(SHOWN_JS)
    return {"nodes": {tuple(n) for n in data["nodes"]}, "pairs": {tuple(p) for p in data["pairs"]},
            "tray": data["tray"], "types": {t: sorted(names) for t, names in data["types"]}}


def stored(path: Path) -> dict:
    """What the learner store holds, in the same shape (grouping: inside / outside)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        contacts = conn.execute("SELECT id, name, strength, inside, types FROM network_contacts"
                                ).fetchall()
        ties = conn.execute("SELECT a, b, strength FROM network_ties").fetchall()
        tray = [r[0] for r in conn.execute("SELECT name FROM network_tray ORDER BY id")]
    types: dict[str, list[str]] = {"operational": [], "personal": [], "strategic": []}
    for _, name, _, _, kinds in contacts:
        for kind in filter(None, kinds.split(",")):
            types[kind].append(name[:17] + "…" if len(name) > 18 else name)
    return {"nodes": {(cid, name, strength, SIDES[inside])
                      for cid, name, strength, inside, _ in contacts},
            "pairs": {(a, b, w) for a, b, w in ties}, "tray": tray,
            "types": {t: sorted(names) for t, names in types.items()}}


def wait_saved(page, timeout: float = 20_000) -> None:
    """Wait until the kernel has answered every gesture sent (the store is written)."""
    sociogram(page).evaluate(
        """(root, timeout) => new Promise((resolve, reject) => {
            const start = performance.now();
            const check = () => {
                if (root.dataset.busy !== 'true') return resolve(true);
                if (performance.now() - start > timeout) return reject('no answer');
                requestAnimationFrame(check);
            };
            check();
        })""", timeout)


def point(page, strength: int, group: str) -> tuple[float, float]:
    """Where ring ``strength`` of sector ``group`` is on the screen."""
    x, y = sociogram(page).evaluate("(root, [s, g]) => root.ckSociogram.pointFor(s, g)",
                                    [strength, group])
    return x, y


def centre(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag(page, source: tuple[float, float], target: tuple[float, float]) -> None:
    """Press, move in steps, release: a drag as a hand does it."""
    page.mouse.move(*source)
    page.mouse.down()
    page.mouse.move((source[0] + target[0]) / 2, (source[1] + target[1]) / 2, steps=6)
    page.mouse.move(*target, steps=6)
    page.mouse.up()


def node(page, name: str):
    return sociogram(page).locator(f'.ck-sg-node[data-name="{name}"]')


def axe_violations(page, context: str = ROOT) -> list[str]:
    """axe-core's violations inside ``context``, one line each (rule, impact, where)."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, context=context,
                       options={"resultTypes": ["violations"]}).response
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def key_to(page, target, key: str = "Tab", max_steps: int = 400) -> None:
    """Move the focus to ``target`` with ``key`` alone (Tab or Shift+Tab)."""
    handle = target.element_handle()
    for _ in range(max_steps):
        page.keyboard.press(key)
        if page.evaluate("(el) => !!document.activeElement && (el === document.activeElement"
                         " || el.contains(document.activeElement))", handle):
            return
    raise AssertionError(f"cannot reach {target} with {key}")


def focused_name(page) -> str | None:
    return page.evaluate("() => document.activeElement && document.activeElement.dataset"
                         " ? document.activeElement.dataset.name || null : null")
