#!/usr/bin/python3
"""Follow an acknowledgement link in headless Chromium as a clerk would, and photograph every page.

Usage: browser_acknowledge.py --url URL --reporter NAME --note TEXT --screenshots DIR [--timeout SECONDS]

1. opens URL (the link of one item of a reminder email), checks the confirmation page names its fields and
   button, saves DIR/acknowledgement-confirmation.png (and -confirmation-phone.png at a phone's width);
2. types NAME into "Người báo cáo" and TEXT into "Số, ngày văn bản đã gửi / ghi chú", presses "Xác nhận đã
   hoàn thành", waits for the receipt page ("Đã ghi nhận"), saves DIR/acknowledgement-receipt.png;
3. opens URL with one hex digit of the token changed, waits for "Liên kết không hợp lệ hoặc đã hết hạn",
   saves DIR/acknowledgement-invalid-link.png.

Prints one JSON object (the URL and visible text of each page, the screenshot paths) and exits 0; on any
failure prints "browser_acknowledge: <what went wrong>" to stderr and exits 1 (2 when Chromium, its driver
or Selenium is missing). Chromium runs headless with --no-sandbox (the tests run as root) and every wait is
bounded by --timeout.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
BUTTON = "Xác nhận đã hoàn thành"
RECEIPT = "Đã ghi nhận"
INVALID = "Liên kết không hợp lệ hoặc đã hết hạn"


class Failure(Exception):
    pass


def tampered(url):
    """The same link with the last hex digit of its token changed (as a bad copy and paste would)."""
    head, _, token = url.rstrip("/").rpartition("/")
    for index in range(len(token) - 1, -1, -1):
        digit = token[index]
        if digit in "0123456789abcdef":
            swapped = "0" if digit != "0" else "1"
            return f"{head}/{token[:index]}{swapped}{token[index + 1:]}"
    raise Failure(f"no hex digit to change in the token of {url}")


def start_browser(timeout, profile):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as error:
        print(f"browser_acknowledge: python3-selenium is missing ({error})", file=sys.stderr)
        sys.exit(2)
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            print(f"browser_acknowledge: {path} is missing (Debian chromium, chromium-driver)", file=sys.stderr)
            sys.exit(2)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # the tests run as root, where Chromium's sandbox cannot start
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--lang=vi-VN",
        "--window-size=1024,768",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(timeout)
    driver.set_script_timeout(timeout)
    return driver


def wait_for_text(driver, text, timeout):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait
    try:
        WebDriverWait(driver, timeout).until(lambda d: text in d.find_element("tag name", "body").text)
    except TimeoutException:
        body = driver.find_element("tag name", "body").text
        raise Failure(f"{driver.current_url} never showed {text!r} within {timeout} s; the page says:\n{body}")


def wait_until(driver, condition, what, timeout):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait
    try:
        WebDriverWait(driver, timeout).until(condition)
    except TimeoutException:
        raise Failure(f"{what} within {timeout} s (at {driver.current_url})")


def screenshot(driver, directory, name, width=1024, prefix="acknowledgement", max_height=4000):
    """`prefix-name.png`, the whole page at `width` CSS pixels: the window grows until the viewport holds the page
    (at most `max_height`)."""
    driver.set_window_size(width, 768)
    for _ in range(3):
        height, inner, outer = driver.execute_script(
            "return [Math.max(document.body.scrollHeight, document.documentElement.scrollHeight),"
            " window.innerHeight, window.outerHeight]")
        if height <= inner:
            break
        driver.set_window_size(width, min(height + (outer - inner) + 8, max_height))
    path = os.path.join(directory, f"{prefix}-{name}.png")
    if not driver.save_screenshot(path):
        raise Failure(f"could not save {path}")
    return path


def page(driver):
    return {"url": driver.current_url, "title": driver.title, "text": driver.find_element("tag name", "body").text}


def with_browser(program, arguments, steps):
    """Runs `steps(driver)` in a fresh headless Chromium and prints what it returns as JSON.

    Returns the exit status: 0, or 1 after printing "<program>: <what went wrong>" to stderr.
    """
    from selenium.common.exceptions import WebDriverException
    os.makedirs(arguments.screenshots, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="nhacviec-chromium-")
    driver = None
    try:
        driver = start_browser(arguments.timeout, profile)
        json.dump(steps(driver), sys.stdout, ensure_ascii=False)
        print()
    except Failure as failure:
        print(f"{program}: {failure}", file=sys.stderr)
        return 1
    except WebDriverException as error:
        print(f"{program}: Chromium failed: {error.msg or error}", file=sys.stderr)
        return 1
    finally:
        if driver is not None:
            driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return 0


def run(arguments):
    from selenium.common.exceptions import NoSuchElementException
    from selenium.webdriver.support.expected_conditions import staleness_of

    def steps(driver):
        result = {"screenshots": []}

        driver.get(arguments.url)
        wait_for_text(driver, BUTTON, arguments.timeout)
        try:
            reporter = driver.find_element("css selector", "form input[name=reporter]")
            note = driver.find_element("css selector", "form textarea[name=note]")
            button = driver.find_element("xpath", f"//form//button[normalize-space()='{BUTTON}']")
        except NoSuchElementException as error:
            raise Failure(f"the confirmation page lacks a field or the button: {error.msg}")
        labels = [label.text for label in driver.find_elements("css selector", "form label")]
        result["confirmation"] = page(driver) | {"labels": labels}
        result["screenshots"].append(screenshot(driver, arguments.screenshots, "confirmation-phone", width=390))
        result["screenshots"].append(screenshot(driver, arguments.screenshots, "confirmation"))

        reporter.send_keys(arguments.reporter)
        note.send_keys(arguments.note)
        button.click()
        wait_until(driver, staleness_of(button), "the button press never left the confirmation page", arguments.timeout)
        wait_for_text(driver, RECEIPT, arguments.timeout)
        result["receipt"] = page(driver)
        result["screenshots"].append(screenshot(driver, arguments.screenshots, "receipt"))

        driver.get(tampered(arguments.url))
        wait_for_text(driver, INVALID, arguments.timeout)
        result["invalid"] = page(driver)
        result["screenshots"].append(screenshot(driver, arguments.screenshots, "invalid-link"))
        return result

    return with_browser("browser_acknowledge", arguments, steps)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True, help="the acknowledgement link of one reminder item")
    parser.add_argument("--reporter", required=True, help="typed into 'Người báo cáo'")
    parser.add_argument("--note", required=True, help="typed into 'Số, ngày văn bản đã gửi / ghi chú'")
    parser.add_argument("--screenshots", required=True, help="directory for the PNG screenshots")
    parser.add_argument("--timeout", type=float, default=30, help="seconds any one step may take (default 30)")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
