import Foundation

/// A checker from a Debian package that the tests run as a child process (`make test` installs them); a test that
/// needs a missing one is skipped with a message naming the package.
enum DebianTool {
    static let python = "/usr/bin/python3"
    static let support = WebFixture.repository.appendingPathComponent("Tests/Support")

    /// Whether `python3 -c "import <module>"` works.
    static func hasPythonModule(_ module: String) -> Bool {
        (try? run(python, ["-c", "import \(module)"]).status) == 0
    }

    /// Whether `program` is on the usual path.
    static func has(_ program: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/" + program)
    }

    /// Runs one of `Tests/Support/*.py` on `input` (written to a file) and decodes its JSON output.
    static func pythonJSON<Value: Decodable>(_ script: String, input: String, as type: Value.Type) throws -> Value {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nhacviec-\(UUID())")
        try Data(input.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run(python, [support.appendingPathComponent(script).path, file.path])
        guard result.status == 0 else { throw ToolFailure("\(script) failed: \(result.output)") }
        return try JSONDecoder().decode(Value.self, from: Data(result.output.utf8))
    }

    /// Exit status and what the program wrote (stdout and stderr).
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    struct ToolFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
