import Foundation

/// Debian's Chromium driven by Selenium (Tests/Support/browser_acknowledge.py): opens a link, fills the form, presses
/// the button, and photographs each page.
enum HeadlessChromium {
    /// The Debian packages it needs; `make test` installs them.
    static let packages = "chromium, chromium-driver and python3-selenium"

    /// True when the browser, its driver and Selenium are installed.
    static var isInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
            && (try? runProgram("/usr/bin/python3", ["-c", "import selenium"]).status) == 0
    }

    /// False only where apt has no `chromium` to install (not Debian, or no such package in its sources): the one
    /// case in which the browser test is skipped rather than failed.
    static let canBeInstalled: Bool = {
        if isInstalled { return true }
        guard let policy = try? runProgram("/usr/bin/apt-cache", ["policy", "chromium"]), policy.status == 0 else {
            return false
        }
        let text = String(decoding: policy.stdout, as: UTF8.self)
        return text.contains("Candidate:") && !text.contains("Candidate: (none)")
    }()

    /// Where the screenshots go: `.build/screenshots/` of the repository, for a person to look at.
    static let screenshots = Repository.root.appendingPathComponent(".build/screenshots")

    /// What the browser saw (the JSON that browser_acknowledge.py prints).
    struct Visit: Decodable {
        struct Page: Decodable {
            let url: String
            let title: String
            let text: String
            let labels: [String]?
        }

        let confirmation: Page
        let receipt: Page
        let invalid: Page
        let screenshots: [String]
    }

    /// Opens `url`, types `reporter` and `note`, presses "Xác nhận đã hoàn thành", then opens `url` with its token
    /// changed; every page is saved as a PNG in ``screenshots``.
    static func acknowledge(url: String, reporter: String, note: String) throws -> Visit {
        let script = Repository.root.appendingPathComponent("Tests/Support/browser_acknowledge.py").path
        let result = try runProgram(
            "/usr/bin/python3",
            [
                script, "--url", url, "--reporter", reporter, "--note", note, "--screenshots", screenshots.path,
                "--timeout", "30",
            ])
        guard result.status == 0 else {
            if result.status == 2 {
                throw SetupError("\(result.stderr)\(packages) are missing: run `make test`, which installs them")
            }
            throw SetupError("browser_acknowledge.py exited \(result.status):\n\(result.stderr)")
        }
        return try JSONDecoder().decode(Visit.self, from: result.stdout)
    }
}
