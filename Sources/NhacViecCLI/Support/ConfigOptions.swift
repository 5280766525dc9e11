package import ArgumentParser
import Foundation
package import NhacViecConfigFiles
import NhacViecCore

/// `--config PATH`, shared by every subcommand that reads the configuration.
package struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The main config file; its include: patterns are relative to it.", valueName: "path"))
    package var config: String = ConfigLoader.defaultPath

    package init() {}

    /// Loads and validates the config; on errors prints every diagnostic to stderr and exits with status 1.
    package func load(printWarnings: Bool = true) throws -> LoadedConfiguration {
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
