import Foundation

extension HeadlessChromium {
    /// What the browser saw on the dashboard (the JSON that browser_dashboard.py prints).
    struct DashboardVisit: Decodable {
        struct Page: Decodable {
            let url: String
            let text: String
            let backToOccurrence: Bool?

            enum CodingKeys: String, CodingKey {
                case url, text
                case backToOccurrence = "back_to_occurrence"
            }
        }

        let overview: Page
        let filtered: Page
        let occurrence: Page
        let acknowledged: Page
        let undone: Page
        let agency: Page
        let health: Page
        let screenshots: [String]
    }

    /// Signs in to `url`/dashboard as `user`, filters by `agency`, records a report for it with `note` and undoes
    /// it, then opens the agency's and the health page; every page is saved as a PNG in ``screenshots``.
    static func useDashboard(
        url: String, user: String, password: String, agency: String, agencyName: String, note: String
    ) throws -> DashboardVisit {
        let script = Repository.root.appendingPathComponent("Tests/Support/browser_dashboard.py").path
        let result = try runProgram(
            "/usr/bin/python3",
            [
                script, "--url", url, "--user", user, "--password", password, "--agency", agency, "--agency-name",
                agencyName, "--note", note, "--screenshots", screenshots.path, "--timeout", "30",
            ])
        guard result.status == 0 else {
            if result.status == 2 {
                throw SetupError("\(result.stderr)\(packages) are missing: run `make test`, which installs them")
            }
            throw SetupError("browser_dashboard.py exited \(result.status):\n\(result.stderr)")
        }
        return try JSONDecoder().decode(DashboardVisit.self, from: result.stdout)
    }
}
