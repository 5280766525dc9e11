package import ArgumentParser
import NhacViecCore

/// The `nhacviec` command: task reminders for the plans of a provincial office.
package struct NhacViecCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "nhacviec",
        abstract: "Never miss a deadline of a government plan.",
        discussion: """
            Describe agencies, plans and the reminder policy in YAML under Config/, check them, and see every \
            deadline on the Vietnamese working-day calendar.

              nhacviec check
              nhacviec upcoming --days 30
              nhacviec reminders --agency so-tu-phap --from 2026-06-01 --to 2026-06-30
              nhacviec import ke-hoach.docx -o Config/plans/ke-hoach.yaml
            """,
        version: NhacViecCommand.version,
        subcommands: [
            CheckCommand.self, UpcomingCommand.self, RemindersCommand.self, HolidaysCommand.self, LunarCommand.self,
            ServeCommand.self, DoneCommand.self, StatusCommand.self, PreviewCommand.self, SendTestCommand.self,
            LinkCommand.self, BackupCommand.self, RestoreCommand.self, ImportCommand.self, FeedCommand.self,
            PasswdCommand.self,
        ]
    )

    /// What `nhacviec --version` prints (``BuildInfo/version``).
    static let version = BuildInfo.version

    package init() {}

    /// `unknown command 'chek' (did you mean 'check'?)` when the first argument names no subcommand.
    static func unknownSubcommand(in arguments: [String]) -> ValidationError? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(first) else { return nil }
        let hint = Suggestion.closest(to: first, in: names).map { " (did you mean '\($0)'?)" } ?? ""
        return ValidationError(
            "unknown command '\(first)'\(hint); commands: \(names.dropLast().joined(separator: ", "))")
    }
}

/// Entry point of the executable: parses arguments and runs the chosen subcommand.
package func runNhacViec() async {
    if let error = NhacViecCommand.unknownSubcommand(in: Array(CommandLine.arguments.dropFirst())) {
        NhacViecCommand.exit(withError: error)
    }
    await NhacViecCommand.main()
}
