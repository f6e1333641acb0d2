"""The sociogram's browser figures for ``bench_network.py`` (app mode, headless Chromium).

For 150 and 1,500 made-up contacts: a course made by ``coursekit init``, a learner store
holding the network, and a bench notebook with the sociogram, the person form and the
measures view, served by Voila as ``coursekit start --app`` serves it. Each figure is
timed inside the page, from the gesture's pointer release to the frame painted after the
measures view changed (and, for the sociogram, after the kernel answered: the store is
written), so neither Playwright nor Python adds to it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from bench_network import generated_network

from coursekit import app
from coursekit.network import add_network, load_network, measures_table, network_measures
from coursekit.network.model import Network
from coursekit.store import LearnerStore

CHROMIUM = os.environ.get("COURSEKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
NOTEBOOK = "zz_bench_sociogram.ipynb"
MEASURES = ".widget-html"
#: Arms a timer: the next pointer release starts it; it stops at the first frame painted
#: after the measures view changed and the sociogram has no gesture waiting for the kernel.
ARM_JS = """() => {
    const measures = [...document.querySelectorAll('.widget-html')]
        .find(el => el.textContent.includes('ow it is computed'));
    const root = document.querySelector('.ck-sg');
    const before = measures.innerHTML;
    let start = null;
    const down = () => { start = performance.now(); };
    document.addEventListener('pointerup', down, { capture: true, once: true });
    window.__ckDone = new Promise((resolve, reject) => {
        const give_up = setTimeout(() => { observer.disconnect(); reject('no change'); }, 60000);
        const observer = new MutationObserver(() => {
            if (start === null || measures.innerHTML === before || root.dataset.busy === 'true')
                return;
            observer.disconnect();
            clearTimeout(give_up);
            requestAnimationFrame(() => resolve(performance.now() - start));
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true,
                                          characterData: true });
    });
    return true;
}"""


def _notebook(folder: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import coursekit as ck\nstore = ck.open_store()"),
                nbformat.v4.new_code_cell("ck.sociogram(store)"),
                nbformat.v4.new_code_cell("ck.network_contacts(store)"),
                nbformat.v4.new_code_cell("ck.network_measures(store)")]
    nbformat.write(nb, folder / "notebooks" / NOTEBOOK)


def _table(net: Network) -> str:
    return measures_table(network_measures(net)).to_string()


def _changing_people(net: Network, wanted: int = 12) -> list[str]:
    """People whose move between rings 2 and 4 changes the measures shown."""
    found = []
    for contact in net.contact_list():
        tables = set()
        for strength in (2, 4):
            contacts = net.contacts.copy()
            contacts.loc[contacts["id"] == contact.id, "strength"] = strength
            tables.add(_table(Network(net.ego, contacts, net.ties, net.circles)))
        if len(tables) == 2:
            found.append(contact.id)
            if len(found) == wanted:
                break
    if not found:
        raise RuntimeError("no person whose closeness changes the measures")
    return found


#: The first of ``ids`` whose dot a pointer can grab (no other dot on top of it).
GRABBABLE_JS = """(root, ids) => ids.find(id => {
    const g = root.querySelector(`.ck-sg-node[data-id="${id}"]`);
    const r = g.querySelector('.ck-sg-shape').getBoundingClientRect();
    const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    return hit && hit.closest('.ck-sg-node') === g;
})"""


def _untied_pair(net: Network) -> tuple[str, str]:
    """Two people with no tie of any kind (a tie between them changes the tie count)."""
    i, j, _, _ = net.tie_arrays
    tied = set(zip(i.tolist(), j.tolist(), strict=True))
    n = net.size
    for a in range(n):
        for b in range(a + 1, n):
            if (a, b) not in tied:
                return net.contacts["id"].iat[a], net.contacts["id"].iat[b]
    raise RuntimeError("every pair is tied")


def _timed(page, gesture, what: str, errors=()) -> float:
    page.evaluate(ARM_JS)
    gesture()
    try:
        return page.evaluate("() => window.__ckDone")
    except Exception as exc:  # noqa: BLE001  (named, then raised again)
        said = page.evaluate("() => [...document.querySelectorAll('.ck-sg-status, .ck-sg-error')]"
                             ".map(e => e.textContent).join(' ')")
        shot = Path(tempfile.gettempdir()) / "coursekit-bench-sociogram-failed.png"
        page.screenshot(path=str(shot))
        raise RuntimeError(f"{what}: the measures did not change ({exc}); the page said: "
                           f"{said!r}; errors in the page: {list(errors)}; the page as it "
                           f"was: {shot}") from exc


def _centre(locator):
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _bench(browser, course: Path, work: Path, n: int, repeat: int) -> dict[str, list[float]]:
    store_path = work / f"store-{n}.sqlite"
    with LearnerStore(store_path) as store:
        net = add_network(store, generated_network(n))
    movers, (tie_a, tie_b) = _changing_people(net), _untied_pair(net)
    port = app.free_port()
    env = app.app_environment(course, token="bench",
                              base={**os.environ, "COURSEKIT_STORE": str(store_path)})
    env.pop("COURSEKIT_DEMO", None)
    server = subprocess.Popen(app.app_command(course, port=port), env=env, cwd=course,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    figures: dict[str, list[float]] = {"first draw": [], "page to first draw": [], "drop": [],
                                       "tie": [], "form": []}
    try:
        app.wait_until_ready(app.ready_url(port, token="bench"), process=server, timeout=120)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        for _ in range(3):
            page.goto(app.app_url(port, NOTEBOOK, token="bench"), wait_until="commit",
                      timeout=120_000)
            page.wait_for_function("() => { const r = document.querySelector('.ck-sg');"
                                   " return r && r.dataset.firstDraw; }", timeout=120_000)
            figures["first draw"].append(float(page.evaluate(
                "() => document.querySelector('.ck-sg').dataset.firstDraw")))
            figures["page to first draw"].append(page.evaluate(
                "() => performance.getEntriesByName('ck-sociogram-first-draw')[0].startTime"
                " + performance.getEntriesByName('ck-sociogram-first-draw')[0].duration"))
        page.locator(MEASURES).filter(has_text="ow it is computed").first.wait_for(timeout=120_000)
        root = page.locator(".ck-sg").first
        root.locator(".ck-sg-stage").scroll_into_view_if_needed()
        mover = root.evaluate(GRABBABLE_JS, movers)
        if mover is None:
            raise RuntimeError("no person to move whose dot is not under another")
        node = root.locator(f'.ck-sg-node[data-id="{mover}"]')
        shape = node.locator(".ck-sg-shape")
        group = node.get_attribute("data-group")
        rings = [4, 2] if node.get_attribute("data-strength") == "2" else [2, 4]
        for k in range(repeat):
            strength = rings[k % 2]  # each drop changes the ring
            target = root.evaluate("(r, [s, g]) => r.ckSociogram.pointFor(s, g)",
                                   [strength, group])

            def drop(target=target):
                page.mouse.move(*_centre(shape))
                page.mouse.down()
                page.mouse.move(*target, steps=5)
                page.mouse.up()

            figures["drop"].append(_timed(page, drop, f"a drop at {n} contacts", errors))
            if node.get_attribute("data-strength") != str(strength):
                raise RuntimeError("the drop did not land where it was aimed")
        node_a = root.locator(f'.ck-sg-node[data-id="{tie_a}"]')
        node_b = root.locator(f'.ck-sg-node[data-id="{tie_b}"]')
        node_a.click()
        for k in range(repeat):
            node_b.click()
            menu = root.get_by_role("menu")
            item = (menu.get_by_role("menuitemradio", name="3: they work together often")
                    if k % 2 == 0 else menu.get_by_role("menuitem", name="Forget this pair "
                                                        "(their circles apply again)"))
            figures["tie"].append(_timed(page, item.click, "a tie click"))
        # The baseline: the same change of closeness with the person form.
        form = page.locator(".widget-vbox").filter(has=page.get_by_role(
            "button", name="Save person")).last
        form.get_by_role("combobox", name="Person").select_option(label=net.names()[mover])
        closeness = form.get_by_role("combobox", name="Closeness")
        labels = ["2: occasional: talk now and then", "4: close: trust and confide"]
        if node.get_attribute("data-strength") == "2":  # each Save changes the closeness
            labels.reverse()
        for k in range(repeat):
            closeness.select_option(label=labels[k % 2])
            page.wait_for_timeout(300)  # the choice reaches the kernel before the click
            save = form.get_by_role("button", name="Save person").click
            figures["form"].append(_timed(page, save, "the form's Save"))
        context.close()
    finally:
        app.stop(server)
    with LearnerStore(store_path) as store:
        assert load_network(store).size == n
    return figures


def _median(values: list[float]) -> str:
    return (f"{statistics.median(values):7.1f} ms (n={len(values)}, min {min(values):.1f}, "
            f"max {max(values):.1f})")


def browser_figures(repeat: int = 15) -> None:
    """Print the sociogram's figures in a real browser; say why when there is none."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("browser figures skipped: Python Playwright is missing")
        return
    if not Path(CHROMIUM).is_file():
        print(f"browser figures skipped: no Chromium at {CHROMIUM}")
        return
    work = Path(tempfile.mkdtemp(prefix="coursekit-bench-sociogram-"))
    course = work / "course"
    subprocess.run([sys.executable, "-m", "coursekit", "init", str(course)], check=True,
                   capture_output=True)
    _notebook(course)
    print("sociogram in app mode (Voila), headless Chromium, "
          f"{os.cpu_count()} CPUs; times taken in the page, gesture to the frame painted")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n, target, runs in ((150, 100, repeat), (1500, 300, max(5, repeat * 2 // 3))):
            f = _bench(browser, course, work, n, runs)
            form = statistics.median(f["form"])
            print(f"  {n:>5} contacts: first draw of the canvas {_median(f['first draw'])}; "
                  f"page opened to first draw {statistics.median(f['page to first draw']):.0f}"
                  f" ms")
            for key, what in (("drop", "drop to store + measures"),
                              ("tie", "tie click to store + measures")):
                ours = statistics.median(f[key])
                print(f"  {n:>5} contacts: {what:<30} {_median(f[key])}   target < {target} ms:"
                      f" {'met' if ours < target else 'MISSED'}   ratio to the form "
                      f"{ours / form:4.2f}x")
            print(f"  {n:>5} contacts: baseline, the person form's Save {_median(f['form'])}")
        browser.close()
