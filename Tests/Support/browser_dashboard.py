#!/usr/bin/python3
"""Use the supervising office's dashboard in headless Chromium as an admin would, and photograph every page.

Usage: browser_dashboard.py --url BASE --user NAME --password PASSWORD --agency ID --agency-name NAME
                            --note TEXT --screenshots DIR [--timeout SECONDS]

Signs in with HTTP Basic (the Authorization header set through the DevTools protocol, as a browser sends it after
its login prompt), then:
1. opens BASE/dashboard, waits for "Tổng quan", saves DIR/dashboard-overview.png (and -overview-phone.png);
2. picks the agency in the "Cơ quan" filter and presses "Lọc", waits for ?agency=ID in the address, saves
   DIR/dashboard-filtered.png;
3. follows the agency's first overdue deadline to its page, saves DIR/dashboard-occurrence.png;
4. opens "Ghi nhận hoàn thành thay cơ quan" in the agency's panel, types TEXT as the note, presses "Ghi nhận đã
   hoàn thành", waits for the report, saves DIR/dashboard-acknowledged.png;
5. presses "Hủy ghi nhận hoàn thành" in the same panel, waits for the form to come back, saves
   DIR/dashboard-undone.png;
6. opens the agency's page and the delivery health page, saves DIR/dashboard-agency.png and
   DIR/dashboard-health.png.

Prints one JSON object (the URL and visible text of each page, the screenshot paths) and exits 0; on any failure
prints "browser_dashboard: <what went wrong>" to stderr and exits 1 (2 when Chromium, its driver or Selenium is
missing).
"""
import argparse
import base64
import sys

import browser_acknowledge
from browser_acknowledge import Failure, page, wait_for_text, wait_until, with_browser

OVERVIEW = "Tổng quan ngày"
ACKNOWLEDGE = "Ghi nhận đã hoàn thành"
UNDO = "Hủy ghi nhận hoàn thành"
RECORDED = "do Văn phòng ghi nhận thay trên bảng theo dõi"


def screenshot(driver, directory, name, width=1024):
    """dashboard-name.png: the overview at national scale is long, so the window may grow to 6000 pixels."""
    return browser_acknowledge.screenshot(driver, directory, name, width, prefix="dashboard", max_height=6000)


def agency_panel(driver, agency_name):
    """The occurrence page's panel of one agency."""
    from selenium.common.exceptions import NoSuchElementException
    try:
        return driver.find_element(
            "xpath", f"//div[@class='panel'][.//h3/a[normalize-space()='{agency_name}']]")
    except NoSuchElementException:
        raise Failure(f"no panel for {agency_name} on {driver.current_url}")


def run(arguments):
    from selenium.common.exceptions import NoSuchElementException
    from selenium.webdriver.support.expected_conditions import staleness_of
    from selenium.webdriver.support.ui import Select
    timeout = arguments.timeout

    def steps(driver):
        credentials = base64.b64encode(f"{arguments.user}:{arguments.password}".encode()).decode()
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Authorization": f"Basic {credentials}"}})
        result = {"screenshots": []}
        shots = result["screenshots"]

        driver.get(arguments.url + "/dashboard")
        wait_for_text(driver, OVERVIEW, timeout)
        result["overview"] = page(driver)
        shots.append(screenshot(driver, arguments.screenshots, "overview-phone", width=390))
        shots.append(screenshot(driver, arguments.screenshots, "overview"))

        try:
            Select(driver.find_element("css selector", "form.filters select[name=agency]")).select_by_value(
                arguments.agency)
            button = driver.find_element("xpath", "//form[@class='filters']//button[normalize-space()='Lọc']")
        except NoSuchElementException as error:
            raise Failure(f"the overview has no agency filter: {error.msg}")
        button.click()
        wait_until(driver, lambda d: f"agency={arguments.agency}" in d.current_url,
                   "the filter never reached the address", timeout)
        wait_for_text(driver, OVERVIEW, timeout)
        result["filtered"] = page(driver)
        shots.append(screenshot(driver, arguments.screenshots, "filtered"))

        try:
            link = driver.find_element(
                "xpath", f"//div[@class='panel'][.//h3/a[normalize-space()='{arguments.agency_name}']]//td/a")
        except NoSuchElementException:
            raise Failure(f"no overdue deadline of {arguments.agency_name} on the filtered overview")
        link.click()
        wait_for_text(driver, "Tiến độ", timeout)
        result["occurrence"] = page(driver)
        occurrence_url = driver.current_url
        shots.append(screenshot(driver, arguments.screenshots, "occurrence"))

        panel = agency_panel(driver, arguments.agency_name)
        try:
            panel.find_element("tag name", "summary").click()
            panel.find_element("css selector", "textarea[name=note]").send_keys(arguments.note)
            button = panel.find_element("xpath", f".//button[normalize-space()='{ACKNOWLEDGE}']")
        except NoSuchElementException as error:
            raise Failure(f"the agency's panel offers no acknowledgement form: {error.msg}")
        button.click()
        wait_until(driver, staleness_of(button), "the button press never left the page", timeout)
        wait_for_text(driver, RECORDED, timeout)
        result["acknowledged"] = page(driver)
        shots.append(screenshot(driver, arguments.screenshots, "acknowledged"))

        try:
            button = agency_panel(driver, arguments.agency_name).find_element(
                "xpath", f".//button[normalize-space()='{UNDO}']")
        except NoSuchElementException:
            raise Failure("the agency's panel offers no undo button after the report")
        button.click()
        wait_until(driver, staleness_of(button), "the undo press never left the page", timeout)
        wait_until(driver, lambda d: RECORDED not in d.find_element("tag name", "body").text,
                   "the report is still shown after the undo", timeout)
        result["undone"] = page(driver) | {"back_to_occurrence": driver.current_url == occurrence_url}
        shots.append(screenshot(driver, arguments.screenshots, "undone"))

        driver.get(f"{arguments.url}/dashboard/agency/{arguments.agency}")
        wait_for_text(driver, arguments.agency_name, timeout)
        result["agency"] = page(driver)
        shots.append(screenshot(driver, arguments.screenshots, "agency"))

        driver.get(arguments.url + "/dashboard/health")
        wait_for_text(driver, "Tình trạng gửi nhắc nhở", timeout)
        result["health"] = page(driver)
        shots.append(screenshot(driver, arguments.screenshots, "health"))
        return result

    return with_browser("browser_dashboard", arguments, steps)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True, help="the public URL of nhacviec, without /dashboard")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--agency", required=True, help="the id picked in the filter")
    parser.add_argument("--agency-name", required=True, help="its name as the pages show it")
    parser.add_argument("--note", required=True, help="typed into the report's note")
    parser.add_argument("--screenshots", required=True, help="directory for the PNG screenshots")
    parser.add_argument("--timeout", type=float, default=30, help="seconds any one step may take (default 30)")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
