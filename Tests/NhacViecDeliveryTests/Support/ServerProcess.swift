import Foundation

/// A helper server started as a child process that prints `READY <port>` once it listens.
///
/// Stopped with SIGTERM when `stop()` is called or the value is released.
final class ServerProcess {
    let port: Int
    private let process: Process
    private let logs: TemporaryDirectory

    init(script: String, arguments: [String]) throws {
        logs = try TemporaryDirectory()
        let stderrURL = logs.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = Pipe()
        process = Process()
        process.executableURL = URL(fileURLWithPath: ChildProcess.python)
        process.arguments = [ChildProcess.supportDirectory.appendingPathComponent(script).path] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        var output = Data()
        while !output.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output += chunk
        }
        let line = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix("READY "), let port = Int(line.dropFirst(6)) else {
            process.terminate()
            process.waitUntilExit()
            let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            throw StartFailure(description: "\(script) did not start: \(line)\n\(stderr)")
        }
        self.port = port
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit {
        stop()
    }

    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }
}
