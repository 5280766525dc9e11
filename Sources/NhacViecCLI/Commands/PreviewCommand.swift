import ArgumentParser
import Foundation
import NhacViecConfigFiles
import NhacViecCore
import NhacViecDelivery
import NhacViecService

/// `nhacviec preview`: the exact message (or webhook request) an agency would receive on a day.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Print the exact email (RFC 5322) or webhook request an agency would receive.",
        discussion: """
            Nothing is sent and no state is touched. Without --on, the next day with a reminder for the agency (from today) is shown.

            Examples:
              nhacviec preview --agency so-tu-phap --on 2026-06-10
              nhacviec preview --agency so-tu-phap --on 2026-06-10 --task 1.2.a \\
                  --milestone gui-vp
              nhacviec preview --agency so-tu-phap --webhook
            """
    )

    @OptionGroup var options: ConfigOptions
    @Option(help: ArgumentHelp("The agency.", valueName: "id"))
    var agency: String
    @Option(
        help: ArgumentHelp("The send day (default: the next day with a reminder for the agency).", valueName: "date"),
        transform: CivilDate.argument)
    var on: CivilDate?
    @Option(help: ArgumentHelp("Only this task.", valueName: "id"))
    var task: String?
    @Option(help: ArgumentHelp("Only this milestone (with --task).", valueName: "id"))
    var milestone: String?
    @Flag(help: "Show the webhook requests instead of the email.")
    var webhook = false

    func run() throws {
        let loaded = try options.load()
        let configuration = loaded.configuration
        guard let agencyID = try Lookup.agency(agency, in: configuration),
            let entry = configuration.directory.agencies[agencyID]
        else { return }
        if let task {
            let plans = try Lookup.plans(withTask: task, in: configuration)
            if let milestone, plans.count == 1 {
                _ = try MilestoneLookup(configuration, plan: plans[0].id.rawValue, task: task, milestone: milestone)
            }
        }
        let planner = ReminderPlanner(configuration: configuration)
        func matching(_ reminders: [PlannedReminder]) -> [PlannedReminder] {
            reminders.filter { reminder in
                (task == nil || reminder.occurrence.task.id.rawValue == task)
                    && (milestone == nil || reminder.occurrence.milestone.id.rawValue == milestone)
            }
        }
        let start = on ?? configuration.today
        var reminders = matching(planner.reminders(from: start, through: start, agency: agencyID))
        if on == nil && reminders.isEmpty {
            let ahead = matching(planner.reminders(from: start, through: start.adding(days: 400), agency: agencyID))
            if let first = ahead.first { reminders = ahead.filter { $0.sendDate == first.sendDate } }
        }
        guard let first = reminders.first else {
            throw CommandFailure(
                "no reminder for \(agencyID) on \(start)\(on == nil ? " or in the next 400 days" : ""); try `nhacviec reminders --agency \(agencyID)`"
            )
        }
        let localTime = LocalTime(identifier: configuration.timeZone)
        let instant = localTime.instant(of: first.sendDate, at: first.sendAt).date
        if webhook {
            try printWebhooks(reminders, agency: entry, configuration: configuration, instant: instant)
            return
        }
        guard !entry.emails.isEmpty else {
            throw CommandFailure("\(agencyID) has no email address; add email: in agencies.yaml")
        }
        let digest = Digest(agency: agencyID, sendDate: first.sendDate, sendAt: first.sendAt, items: reminders)
        let composer = MessageComposer(configuration: configuration, templates: loaded.templates)
        let links = AcknowledgementLinks.placeholders(for: digest, settings: configuration.http)
        print(
            try composer.email(for: digest, agency: entry, thread: [], now: instant, links: links).text, terminator: "")
    }

    private func printWebhooks(
        _ reminders: [PlannedReminder], agency: Agency, configuration: Configuration, instant: Date
    ) throws {
        guard let url = agency.webhook else {
            throw CommandFailure("\(agency.id) has no webhook; add webhook: in agencies.yaml")
        }
        let secret: WebhookSecret?
        do {
            secret = try Credentials.webhookSecret(configuration.delivery.webhook)
        } catch {
            throw CommandFailure("\(error)")
        }
        for reminder in reminders {
            let ackURL =
                reminder.kind == .escalation ? nil : configuration.http.map(AcknowledgementLinks.placeholder(settings:))
            let body = Array(
                WebhookPayload.json(for: reminder, configuration: configuration, ackURL: ackURL).render().utf8)
            let request = try WebhookRequest(endpoint: try WebhookEndpoint(url), id: reminder.key, body: body)
            print("POST \(url) HTTP/1.1")
            if let secret {
                for header in request.headers(signedWith: secret, timestamp: Int64(instant.timeIntervalSince1970)) {
                    print("\(header.name): \(header.value)")
                }
            } else {
                print("content-type: application/json")
                print("webhook-id: \(reminder.key)")
                print("webhook-timestamp: \(Int64(instant.timeIntervalSince1970))")
                print("webhook-signature: (no secret configured: set delivery.webhook.secret_file)")
            }
            print("")
            print(String(decoding: body, as: UTF8.self))
            print("")
        }
    }
}
