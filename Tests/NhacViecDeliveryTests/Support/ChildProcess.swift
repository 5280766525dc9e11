import Foundation
import Testing

/// Runs helper programs (Python, openssl) as child processes for the tests.
enum ChildProcess {
    /// The system Python, which has Debian's python3-aiosmtpd.
    static let python = "/usr/bin/python3"

    /// `Tests/Support`, found from this file's path.
    static let supportDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // NhacViecDeliveryTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Support")

    struct Output {
        let status: Int32
        let stdout: Data
        let stderr: String
    }

    /// Runs `executable` to completion, capturing its output through files (no pipe can fill up).
    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let directory = try TemporaryDirectory()
        let stdoutURL = directory.url.appendingPathComponent("stdout")
        let stderrURL = directory.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: try Data(contentsOf: stdoutURL),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        )
    }

    /// Fails the test (never skips it) when a tool the integration tests need is missing.
    static func requireTools(pythonModules: [String] = [], executables: [String] = []) throws {
        let hint = "run `make test`, which installs the test dependencies (python3-aiosmtpd, openssl)"
        try #require(
            FileManager.default.isExecutableFile(atPath: python),
            "\(python) is missing; \(hint)"
        )
        for module in pythonModules {
            let output = try run(python, ["-c", "import \(module)"])
            try #require(output.status == 0, "Python module \(module) is missing for \(python); \(hint)")
        }
        for executable in executables {
            try #require(
                FileManager.default.isExecutableFile(atPath: executable),
                "\(executable) is missing; \(hint)"
            )
        }
    }
}

/// A fresh directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("nhacviec-delivery-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
