public import ArgumentParser

/// The `nhacviec` command: task reminders for the plans of a provincial office.
public struct NhacViecCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nhacviec",
        abstract: "Never miss a deadline of a government plan."
    )

    public init() {}
}
