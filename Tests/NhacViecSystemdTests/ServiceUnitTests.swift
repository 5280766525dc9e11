import Foundation
import Testing

@Suite("The shipped systemd unit")
struct ServiceUnitTests {
    static let unit = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("systemd/nhacviec.service")
    static let systemdAnalyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(
        "systemd-analyze security --offline rates its exposure 2.0 or less",
        .enabled(if: systemdAnalyze != nil, "systemd-analyze is missing: apt-get install systemd"))
    func exposure() throws {
        let run = try Self.analyze(["security", "--offline=true", Self.unit.path])
        #expect(run.status == 0, "\(run.error)")
        let match = try #require(
            run.output.firstMatch(of: /Overall exposure level for nhacviec\.service: ([0-9]+\.[0-9]+)/),
            "no exposure line in:\n\(run.output)\(run.error)")
        let exposure = try #require(Double(match.1))
        #expect(exposure <= 2.0, "exposure \(exposure):\n\(run.output)")
    }

    @Test(
        "systemd-analyze verify accepts it without a single warning",
        .enabled(if: systemdAnalyze != nil, "systemd-analyze is missing: apt-get install systemd"))
    func verify() throws {
        // verify also checks that ExecStart= exists; point it at a stand-in, as `make install` is not run here.
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("nhacviec-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = directory.appendingPathComponent("nhacviec")
        try Data("#!/bin/sh\n".utf8).write(to: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
        let text = try String(contentsOf: Self.unit, encoding: .utf8)
        let stand = text.replacingOccurrences(
            of: "ExecStart=/usr/local/bin/nhacviec ", with: "ExecStart=\(binary.path) ")
        #expect(stand != text)
        let copy = directory.appendingPathComponent("nhacviec.service")
        try Data(stand.utf8).write(to: copy)

        let run = try Self.analyze(["verify", copy.path])
        #expect(run.status == 0)
        #expect(run.error.isEmpty, "\(run.error)")
    }

    @Test(
        "It declares what the daemon relies on: notify, watchdog, reload by SIGHUP, no restart on exit 78, credentials")
    func contract() throws {
        let settings = try String(contentsOf: Self.unit, encoding: .utf8)
            .split(separator: "\n").map { String($0) }.filter { !$0.hasPrefix("#") && $0.contains("=") }
        for line in [
            "Type=notify", "NotifyAccess=main",
            "ExecStart=/usr/local/bin/nhacviec serve --config /etc/nhacviec/nhacviec.yaml",
            "ExecReload=/bin/kill -HUP $MAINPID", "WatchdogSec=60", "Restart=on-failure", "RestartPreventExitStatus=78",
            "DynamicUser=yes", "StateDirectory=nhacviec", "RuntimeDirectory=nhacviec",
            "WorkingDirectory=/var/lib/nhacviec", "LoadCredential=smtp-password:/etc/nhacviec/smtp-password",
            "LoadCredential=webhook-secret:/etc/nhacviec/webhook-secret",
            "LoadCredential=web-users:/etc/nhacviec/web-users",
        ] {
            #expect(settings.contains(line), "missing \(line)")
        }
        // ConfigurationDirectory= would exempt /etc/nhacviec from ProtectSystem=strict and mount it writable.
        #expect(!settings.contains { $0.hasPrefix("ConfigurationDirectory=") })
    }

    private static func analyze(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("nhacviec-analyze-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputFile = directory.appendingPathComponent("stdout")
        let errorFile = directory.appendingPathComponent("stderr")
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(systemdAnalyze))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SYSTEMD_COLORS"] = "0"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus,
            try String(contentsOf: outputFile, encoding: .utf8),
            try String(contentsOf: errorFile, encoding: .utf8)
        )
    }
}
