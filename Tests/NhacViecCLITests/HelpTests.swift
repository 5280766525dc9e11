import ArgumentParser
import Foundation
import Testing

@testable import NhacViecCLI

@Suite("What people read in the help, the version and a mistyped command")
struct HelpTests {
    static let commands: [any ParsableCommand.Type] =
        [NhacViecCommand.self] + NhacViecCommand.configuration.subcommands

    /// Every example command line of every command's help, as written in the source.
    static var examples: [(command: String, line: String)] {
        commands.flatMap { command in
            command.configuration.discussion.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("nhacviec ") || $0.hasPrefix("$ nhacviec ") }
                .map { (command.configuration.commandName ?? "", $0) }
        }
    }

    @Test func examplesAreNeverBrokenAcrossLinesOnAnEightyColumnTerminal() throws {
        #expect(Self.examples.count > 20)
        for (command, line) in Self.examples {
            let arguments = command == "nhacviec" ? ["--help"] : [command, "--help"]
            let help = try CommandRunner.run(arguments, environment: ["COLUMNS": "80"]).stdout
            let lines = help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(lines.contains(line), "\(command): '\(line)' is broken in\n\(help)")
        }
    }

    @Test func checkHelpShowsTheRealOutput() throws {
        let help = try CommandRunner.run(["check", "--help"], environment: ["COLUMNS": "200"]).stdout
        let ok = try CommandRunner.run(["check", "--config", CommandRunner.shippedConfig]).stdout
        #expect(help.contains(ok), "\(help)")
        let directory = try CommandRunner.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = directory.appendingPathComponent("Config/plans/949-KH-UBND.yaml")
        let text = try String(contentsOf: plan, encoding: .utf8)
        let typo = try #require(text.range(of: "support: [so-tu-phap, ubnd-xa]"))
        try text.replacingCharacters(in: typo, with: "support: [so-tu-phap2, ubnd-xa]").write(
            to: plan, atomically: true, encoding: .utf8)
        let broken = try CommandRunner.run(["check"], in: directory)
        #expect(!broken.stderr.isEmpty)
        for line in broken.stderr.split(separator: "\n") {
            #expect(help.contains("  " + line + "\n"), "'\(line)' is not in\n\(help)")
        }
    }

    @Test func versionIsPrinted() throws {
        let result = try CommandRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == NhacViecCommand.version + "\n")
        let changelog = try String(
            contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("packaging/deb/changelog"), encoding: .utf8)
        #expect(
            changelog.hasPrefix("nhacviec (\(NhacViecCommand.version)-"),
            "--version and the Debian package's version must agree")
    }

    @Test func aMistypedCommandGetsASuggestion() throws {
        let result = try CommandRunner.run(["chek"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("unknown command 'chek' (did you mean 'check'?)"), "\(result.stderr)")
    }
}
