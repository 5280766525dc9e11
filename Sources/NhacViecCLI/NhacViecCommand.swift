public import ArgumentParser

/// The `nhacviec` command: task reminders for the plans of a provincial office.
public struct NhacViecCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nhacviec",
        abstract: "Never miss a deadline of a government plan.",
        discussion: """
            Describe agencies, plans and the reminder policy in YAML under Config/, check them, and see every deadline on the Vietnamese working-day calendar.

              nhacviec check
              nhacviec upcoming --days 30
              nhacviec reminders --agency so-tu-phap --from 2026-06-01 --to 2026-06-30
            """,
        subcommands: [
            CheckCommand.self, UpcomingCommand.self, RemindersCommand.self, HolidaysCommand.self, LunarCommand.self,
            ServeCommand.self, DoneCommand.self, StatusCommand.self, PreviewCommand.self, SendTestCommand.self,
            LinkCommand.self,
        ]
    )

    public init() {}
}

/// Entry point of the executable: parses arguments and runs the chosen subcommand.
public func runNhacViec() async {
    await NhacViecCommand.main()
}
