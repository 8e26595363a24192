#!/usr/bin/env python3
"""Loads pmcheck's HTML report in headless Chromium and checks it through the DOM.

Usage: check_report.py REPORT.html REPORT.json SCREENSHOT.png

REPORT.json is the JSON report of the same run: the totals and cases the page must show.
Exits 0 when every check holds, 1 with the failed check on stderr otherwise.
"""

import json
import pathlib
import shutil
import sys
import tempfile

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def step_key(case):
    c = case["case"]
    return (case["file"], c["collection"], tuple(c["folders"]), c["request"], c["duplicate"])


def expected_steps(report):
    """Each request's verdicts over its iterations, in document order."""
    steps = {}
    for case in report["cases"]:
        steps.setdefault(step_key(case), []).append(case)
    return steps


def visible_cases(driver):
    return [c for c in driver.find_elements(By.CSS_SELECTOR, "details.case") if c.is_displayed()]


def case_named(driver, request):
    for c in driver.find_elements(By.CSS_SELECTOR, "details.case"):
        if c.find_element(By.CSS_SELECTOR, "summary .name").text == request:
            return c
    raise CheckFailed(f"no case named {request!r} on the page")


def expand(driver, case):
    if case.get_attribute("open") is None:
        case.find_element(By.TAG_NAME, "summary").click()
    check(case.get_attribute("open") is not None, "a click on a case's summary does not open it")


def set_text(driver, text):
    box = driver.find_element(By.ID, "f-text")
    box.clear()
    if text:
        box.send_keys(text)
    else:
        # clear() sends no input event: the filter must still see the empty box.
        driver.execute_script("arguments[0].dispatchEvent(new Event('input'))", box)


def checks(driver, report):
    summary = report["summary"]
    steps = expected_steps(report)
    cases = driver.find_elements(By.CSS_SELECTOR, "details.case")
    check(len(cases) == len(steps), f"{len(cases)} cases on the page, {len(steps)} requests ran")

    # Nothing loaded from anywhere, the page's own style and script applied.
    check(driver.execute_script("return performance.getEntriesByType('resource').length") == 0,
          "the page loaded resources")
    csp = driver.find_element(By.CSS_SELECTOR, "meta[http-equiv='Content-Security-Policy']")
    check("default-src 'none'" in csp.get_attribute("content"), "no CSP forbidding loads")
    border = driver.execute_script(
        "return getComputedStyle(document.querySelector('details.case')).borderLeftWidth")
    check(border == "4px", f"the inline style is not applied (border {border})")

    # Totals as the run counted them.
    for key in ["total", "passed", "failed", "errors", "skipped", "not_run"]:
        shown = driver.find_element(By.CSS_SELECTOR, f"[data-total='{key}'] .n").text
        check(shown == str(summary[key]), f"total {key}: page {shown}, run {summary[key]}")
    embedded = json.loads(driver.execute_script(
        "return document.getElementById('pmcheck-summary').textContent"))
    check(embedded == summary, f"embedded summary {embedded} is not the run's {summary}")

    # The chart: the collection's row counts every case.
    rows = driver.find_elements(By.CSS_SELECTOR, "table.chart tr")
    check(len(rows) >= 3, "the chart has no row per folder")
    bars = rows[0].find_elements(By.CSS_SELECTOR, "rect")
    counted = sum(int(r.get_attribute("data-count")) for r in bars)
    check(counted == summary["total"], f"the collection's bar counts {counted} cases")

    # Failed only: exactly the requests with a failed or errored iteration.
    failing = [k for k, cs in steps.items()
               if any(c["verdict"] in ("failed", "error") for c in cs)]
    check(0 < len(failing) < len(steps), "the fixture needs passing and failing requests")
    driver.find_element(By.ID, "f-failed").click()
    shown = visible_cases(driver)
    check(len(shown) == len(failing),
          f"failed only shows {len(shown)} requests, {len(failing)} failed")
    for c in shown:
        check(c.get_attribute("data-verdict") in ("failed", "error"),
              f"failed only shows a {c.get_attribute('data-verdict')} case")
    check("showing %d of %d" % (len(failing), len(steps)) in
          driver.find_element(By.ID, "f-count").text, "the count does not follow the filter")
    driver.find_element(By.ID, "f-failed").click()
    check(len(visible_cases(driver)) == len(steps), "unticking failed only does not show all")

    # Free text: a request's name, in any case of letters.
    set_text(driver, "SCHEMA viol")
    shown = visible_cases(driver)
    check([c.find_element(By.CSS_SELECTOR, ".name").text for c in shown] == ["schema violation"],
          f"the text filter shows {[c.text for c in shown]}")
    set_text(driver, "")
    check(len(visible_cases(driver)) == len(steps), "an empty text filter does not show all")

    # By folder: the folder's requests only.
    folder = Select(driver.find_element(By.ID, "f-folder"))
    folder.select_by_visible_text("html report › bodies")
    in_bodies = [k for k in steps if k[2] == ("bodies",)]
    shown = visible_cases(driver)
    check(len(shown) == len(in_bodies), f"the folder filter shows {len(shown)} requests")
    folder.select_by_value("")

    # A schema failure expands to its violations with their JSON pointers.
    by_name = {k[3]: cs for k, cs in steps.items()}
    violation_case = case_named(driver, "schema violation")
    check(violation_case.find_element(By.CSS_SELECTOR, ".violations").is_displayed() is False,
          "violations show before the case is opened")
    expand(driver, violation_case)
    pointers = [p.text for p in violation_case.find_elements(By.CSS_SELECTOR, "code.pointer")
                if p.is_displayed()]
    want = [v["pointer"] or "(root)" for c in by_name["schema violation"] for v in c["violations"]]
    check(want and pointers == want, f"violations' pointers {pointers}, the run's {want}")

    # A diff failure expands to the diff, lines marked as removed and added.
    diff_case = case_named(driver, "diff")
    expand(driver, diff_case)
    lines = [l.text for l in diff_case.find_elements(By.CSS_SELECTOR, ".diff-lines span")
             if l.is_displayed()]
    want = [l for c in by_name["diff"] for l in c["diff"]]
    check(want and lines == want, f"diff lines {lines}, the run's {want}")
    check(diff_case.find_elements(By.CSS_SELECTOR, ".d-del") and
          diff_case.find_elements(By.CSS_SELECTOR, ".d-add"), "the diff marks no line")

    # Iterations side by side: one column per iteration, on the same row.
    token = case_named(driver, "token check")
    expand(driver, token)
    columns = token.find_elements(By.CSS_SELECTOR, ".iters > .iter")
    check(len(columns) == len(by_name["token check"]) == 2, f"{len(columns)} iteration columns")
    first, second = columns[0].rect, columns[1].rect
    check(abs(first["y"] - second["y"]) < 2 and second["x"] >= first["x"] + first["width"] - 1,
          f"iterations are not side by side: {first} {second}")
    verdicts = [c.get_attribute("class") for c in columns]
    check("v-passed" in verdicts[0] and "v-failed" in verdicts[1],
          f"iteration columns show {verdicts}")
    check("first iteration only" in columns[1].text, "the failed pm.test is not shown")

    # Hostile names and bodies stay text.
    hostile = [k for k in steps if k[3].startswith("<img")]
    check(len(hostile) == 1, "the fixture's hostile request is missing")
    case = case_named(driver, hostile[0][3])
    expand(driver, case)
    for d in case.find_elements(By.CSS_SELECTOR, "details.exchange"):
        d.find_element(By.TAG_NAME, "summary").click()
    check(driver.execute_script("return window.pwned") is None, "a hostile text ran a script")
    for id_ in ["pwn-name", "pwn-body", "pwn-test"]:
        check(not driver.find_elements(By.ID, id_), f"a hostile text made the element #{id_}")
    check("window.pwned='body'" in case.find_element(By.CSS_SELECTOR, ".response pre.body").text,
          "the hostile response body is not shown as text")

    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    check(not errors, f"the console has errors: {errors}")


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    page, json_report, screenshot = (pathlib.Path(a) for a in sys.argv[1:])
    report = json.loads(json_report.read_text(encoding="utf-8"))
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="pmcheck-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        return drive(options, page, report, screenshot)
    except WebDriverException as e:
        print(f"cannot start the browser: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def drive(options, page, report, screenshot):
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(30)
        driver.get(page.resolve().as_uri())
        try:
            checks(driver, report)
        finally:
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1400, min(max(height, 600), 8000))
            driver.execute_script("window.scrollTo(0, 0)")
            driver.save_screenshot(str(screenshot))
    except CheckFailed as e:
        print(f"check failed: {e}", file=sys.stderr)
        return 1
    except WebDriverException as e:
        print(f"browser error: {e}", file=sys.stderr)
        return 1
    finally:
        driver.quit()
    print(f"all checks held; screenshot {screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
