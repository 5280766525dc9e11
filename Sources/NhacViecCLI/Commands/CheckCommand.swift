import ArgumentParser
import NhacViecConfigFiles
import NhacViecCore
import NhacViecService

/// `nhacviec check`: validates the config and prints a one-line summary.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration and print a one-line summary.",
        discussion: """
            Reads the main file and every file it includes, and reports all problems at once, each as \
            file:line:column with a fix. Then runs the start-up checks of `nhacviec serve` (credentials, \
            transports, state_dir), so a config that passes here also starts. Exit status 0 when the config \
            is valid, 1 otherwise.

            Examples:
              $ nhacviec check
              OK: 22 agencies, 2 groups, 1 plan, 20 tasks, 31 milestones
              $ nhacviec check --config /etc/nhacviec/nhacviec.yaml

            After a typo in a plan:
              $ nhacviec check
              Config/plans/949-KH-UBND.yaml:50:15: error: unknown agency or group 'so-tu-phap2' (did you mean 'so-tu-phap'?)
              1 error in the configuration; nothing was changed
            """
    )

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let loaded = try options.load()
        do {
            _ = try StartupChecks.run(for: loaded.configuration)
        } catch {
            for problem in error.errors { StandardError.print("\(loaded.mainFile): error: \(problem)") }
            let count = error.errors.count
            StandardError.print(
                "\(count) error\(count == 1 ? "" : "s") would stop `nhacviec serve` from starting; nothing was changed")
            throw ExitCode(1)
        }
        print(loaded.configuration.summary)
    }
}
