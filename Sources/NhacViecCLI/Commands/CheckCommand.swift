import ArgumentParser
import NhacViecConfigFiles
import NhacViecCore

/// `nhacviec check`: validates the config and prints a one-line summary.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration and print a one-line summary.",
        discussion: """
            Reads the main file and every file it includes, and reports all problems at once, each as
            file:line:column with a fix. Exit status 0 when the config is valid, 1 otherwise.

            Example:
              $ nhacviec check
              OK: 24 agencies, 2 groups, 1 plan, 20 tasks, 33 milestones
              $ nhacviec check --config /etc/nhacviec/nhacviec.yaml
              /etc/nhacviec/plans/949.yaml:41:15: error: unknown agency or group 'so-tu-phap2' (did you mean 'so-tu-phap'?)
            """
    )

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let loaded = try options.load()
        print(loaded.configuration.summary)
    }
}
