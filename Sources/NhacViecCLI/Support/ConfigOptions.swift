public import ArgumentParser
import Foundation
public import NhacViecConfigFiles
import NhacViecCore

/// `--config PATH`, shared by every subcommand that reads the configuration.
public struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The main config file; its include: patterns are relative to it.", valueName: "path"))
    public var config: String = ConfigLoader.defaultPath

    public init() {}

    /// Loads and validates the config; on errors prints every diagnostic to stderr and exits with status 1.
    public func load(printWarnings: Bool = true) throws -> LoadedConfiguration {
        do {
            let loaded = try ConfigLoader.load(path: config)
            if printWarnings {
                for warning in loaded.warnings { StandardError.print(warning.description) }
            }
            return loaded
        } catch {
            for diagnostic in error.diagnostics { StandardError.print(diagnostic.description) }
            let count = error.diagnostics.filter { $0.severity == .error }.count
            StandardError.print("\(count) error\(count == 1 ? "" : "s") in the configuration; nothing was changed")
            throw ExitCode(1)
        }
    }
}

/// Writes lines to standard error.
enum StandardError {
    static func print(_ line: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension CivilDate {
    /// Parses a date option, saying what is wrong with it (ArgumentParser alone would only say "invalid").
    static func argument(_ text: String) throws -> CivilDate {
        guard let date = CivilDate(parsing: text) else {
            throw ValidationError("'\(text)' is \(CivilDate.problem(parsing: text))")
        }
        return date
    }
}

extension Configuration {
    /// Today in the configured time zone.
    var today: CivilDate {
        LocalTime(identifier: timeZone).civilDate(of: Date())
    }
}

/// The output formats of the listing commands.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, ics
}

/// A problem with what the admin asked for, printed as `Error: …` without the usage text.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
