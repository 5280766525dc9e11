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
            is valid, 1 otherwise. Warnings (file:line:column: warning: …) do not fail the check unless \
            --strict is given: a draft made by `nhacviec import` passes with warnings for the days its plan \
            leaves open, and `check --strict` tells when all of them are filled in.

            Examples:
              $ nhacviec check
              OK: 22 agencies, 2 groups, 1 plan, 20 tasks, 31 milestones
              $ nhacviec check --config /etc/nhacviec/nhacviec.yaml

            A draft from `nhacviec import` whose plan leaves a report day open, then the same with --strict:
              $ nhacviec check
              Config/plans/617-KH-UBND.yaml:188:14: warning: 'Hằng năm' leaves the day of this rule open; \
            reminders use date: "31/12" until you set it (…)
              OK: 22 agencies, 2 groups, 2 plans, 38 tasks, 50 milestones
              $ nhacviec check --strict
              …
              2 warnings treated as errors (--strict); nothing was changed

            After a typo in a plan:
              $ nhacviec check
              Config/plans/949-KH-UBND.yaml:50:15: error: unknown agency or group 'so-tu-phap2' (did you mean 'so-tu-phap'?)
              1 error in the configuration; nothing was changed

            From 1 October it also warns while next year's announced holiday schedule (Tết days off, make-up \
            Saturdays) is missing from Config/calendar/, naming the Tết the Labour Code gives (a warning: exit \
            status 0 unless --strict):
              $ nhacviec check --today 2026-10-01
              Config/calendar/vietnam.yaml:55:7: warning: chưa có lịch nghỉ lễ, Tết năm 2027 đã công bố … (thêm …)
            """
    )

    @OptionGroup var options: ConfigOptions
    @Flag(help: "Treat warnings (such as a report day the plan leaves open) as errors: exit 1 when there is any.")
    var strict = false
    @Option(
        help: ArgumentHelp(
            "Check as if today were this day (YYYY-MM-DD or D/M/YYYY), for the holiday-schedule warning.",
            valueName: "date"),
        transform: CivilDate.argument)
    var today: CivilDate?

    func run() throws {
        let loaded = try options.load()
        let configuration = loaded.configuration
        let holidays = MissingHolidaySchedule(calendar: configuration.calendar, today: today ?? configuration.today)
        if let holidays { StandardError.print(holidays.diagnostic.description) }
        let count = loaded.warnings.count + (holidays == nil ? 0 : 1)
        if strict, count > 0 {
            StandardError.print(
                "\(count) warning\(count == 1 ? "" : "s") treated as error\(count == 1 ? "" : "s") (--strict); nothing was changed"
            )
            throw ExitCode(1)
        }
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
