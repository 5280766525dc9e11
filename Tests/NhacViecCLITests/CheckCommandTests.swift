import Foundation
import Testing

@Suite("nhacviec check")
struct CheckCommandTests {
    @Test func shippedConfigIsValid() throws {
        let result = try CommandRunner.run(["check", "--config", CommandRunner.shippedConfig])
        #expect(result.status == 0)
        #expect(result.stdout == "OK: 22 agencies, 2 groups, 1 plan, 20 tasks, 31 milestones\n")
    }

    @Test func brokenConfigIsReportedWithFileLineAndColumnAndExitsOne() throws {
        let directory = try CommandRunner.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = directory.appendingPathComponent("Config/plans/949-KH-UBND.yaml")
        var text = try String(contentsOf: plan, encoding: .utf8)
        text = text.replacingOccurrences(of: "support: [so-tu-phap, ubnd-xa]", with: "support: [so-tu-phap2, ubnd-xa]")
        text = text.replacingOccurrences(of: "due: 2025-04-25", with: "due: 2025-02-30")
        try text.write(to: plan, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check"], in: directory)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        // so-tu-phap supports two tasks, so the typo is reported at both places.
        #expect(
            lines.filter {
                $0.hasPrefix("Config/plans/949-KH-UBND.yaml:")
                    && $0.hasSuffix("error: unknown agency or group 'so-tu-phap2' (did you mean 'so-tu-phap'?)")
            }.count == 2)
        #expect(lines.contains { $0.contains("error: due '2025-02-30' is not a real date: month 2 has 28 days") })
        #expect(lines.last == "3 errors in the configuration; nothing was changed")
        #expect(result.stdout.isEmpty)
    }

    @Test func includeThatMatchesNothingIsAnError() throws {
        let directory = try CommandRunner.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let main = directory.appendingPathComponent("Config/nhacviec.yaml")
        let text = try String(contentsOf: main, encoding: .utf8).replacingOccurrences(
            of: "plans/*.yaml", with: "plan/*.yaml")
        try text.write(to: main, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Config/nhacviec.yaml:15:5: error: include 'plan/*.yaml' matches no file (paths are relative to Config/)"
            ))
    }

    @Test func missingConfigSaysHowToPointAtOne() throws {
        let result = try CommandRunner.run(["check", "--config", "/nonexistent/nhacviec.yaml"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "cannot read the config: no such file (run from the directory that holds Config/, or pass --config PATH)"
            ))
    }

    @Test func helpShowsAnExample() throws {
        let result = try CommandRunner.run(["check", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("nhacviec check --config /etc/nhacviec/nhacviec.yaml"))
    }
}
