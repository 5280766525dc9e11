import Foundation
import NhacViecCore
import NhacViecDelivery

#if canImport(Glibc)
    import Glibc
#endif

// Delivery benchmark (issue 4, part 8), driven by bench/delivery/run.sh.
//
//   delivery-bench smtp    --config C --count N --port P   --out DIR
//   delivery-bench webhook --config C --count N --url URL  --secret-file F --out DIR
//
// Both modes plan the reminders of the shipped config (Config/nhacviec.yaml and its plans), render them with
// the shipped templates, write the prepared requests to DIR for the one-process-per-message comparison
// (msmtp, curl), then deliver the same requests through nhacviec's own transports and time only that.
// The last line is `RESULT key=value ...` for run.sh.

struct Options {
    var mode = ""
    var config = "../../Config/nhacviec.yaml"
    var count = 2000
    var port = 0
    var url = ""
    var secretFile = ""
    var out = ""
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("delivery-bench: \(message)\n".utf8))
    exit(2)
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    guard let mode = arguments.popFirst(), mode == "smtp" || mode == "webhook" else {
        fail("usage: delivery-bench smtp|webhook --config C --count N (--port P | --url U --secret-file F) --out DIR")
    }
    options.mode = mode
    while let flag = arguments.popFirst() {
        guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
        switch flag {
        case "--config": options.config = value
        case "--count": options.count = Int(value) ?? 0
        case "--port": options.port = Int(value) ?? 0
        case "--url": options.url = value
        case "--secret-file": options.secretFile = value
        case "--out": options.out = value
        default: fail("unknown option \(flag)")
        }
    }
    guard (1...100_000).contains(options.count) else { fail("--count must be 1…100000") }
    guard !options.out.isEmpty else { fail("--out is required") }
    return options
}

func monotonicNow() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func seconds(since start: UInt64) -> Double { Double(monotonicNow() - start) / 1e9 }

/// Writes a prepared request for the comparison clients (plain stdio: FileManager.createFile fsyncs every file).
func write(_ bytes: [UInt8], to path: String) {
    guard let file = fopen(path, "wb") else { fail("cannot create \(path)") }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    guard fclose(file) == 0, written == bytes.count else { fail("cannot write \(path)") }
}

// MARK: - The shipped configuration, read the way NhacViecConfigFiles.ConfigLoader reads it
// (that module is not a product of the main package; the steps are the same: main file, include globs, compile).

func expand(_ pattern: String, relativeTo directory: String) -> [String] {
    let full = pattern.hasPrefix("/") || directory.isEmpty ? pattern : directory + "/" + pattern
    var matches = glob_t()
    defer { globfree(&matches) }
    guard glob(full, 0, nil, &matches) == 0 else { return [] }
    return (0..<Int(matches.gl_pathc)).compactMap { matches.gl_pathv[$0].map { String(cString: $0) } }.sorted()
}

func readText(_ path: String) -> String {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
    return text
}

func loadConfiguration(_ path: String) -> Configuration {
    let main = ConfigSource(path: path, text: readText(path))
    let directory = (path as NSString).deletingLastPathComponent
    var included: [ConfigSource] = []
    var seen: Set<String> = [path]
    for include in ConfigCompiler.includePatterns(of: main) {
        for file in expand(include.pattern, relativeTo: directory) where seen.insert(file).inserted {
            included.append(ConfigSource(path: file, text: readText(file)))
        }
    }
    do {
        return try ConfigCompiler.compile(main: main, included: included).configuration
    } catch {
        fail("the config does not load:\n\(error)")
    }
}

/// Every reminder of the shipped plans over two years, in send order.
func plannedReminders(_ configuration: Configuration) -> [PlannedReminder] {
    let from = CivilDate(year: 2025, month: 7, day: 1)!
    let through = CivilDate(year: 2027, month: 6, day: 30)!
    return ReminderPlanner(configuration: configuration).reminders(from: from, through: through)
}

/// `count` items taken from `items` in order, starting over when they run out; `round` counts the passes.
func cycled<Item>(_ items: [Item], count: Int) -> [(item: Item, round: Int)] {
    guard !items.isEmpty else { fail("the shipped config plans no reminders in the window") }
    return (0..<count).map { (items[$0 % items.count], $0 / items.count) }
}

// MARK: - SMTP

struct Delivery {
    let message: RenderedEmail
    let recipient: MailAddress
}

func runSMTP(_ options: Options) async {
    guard (1...65535).contains(options.port) else { fail("--port is required") }
    let configuration = loadConfiguration(options.config)
    let configDirectory = (options.config as NSString).deletingLastPathComponent
    let templates: MessageTemplates
    do {
        func source(_ name: String) -> ConfigSource {
            let path = configDirectory + "/templates/" + name
            return ConfigSource(path: path, text: readText(path))
        }
        var sources: [MessageTemplates.Name: ConfigSource] = [:]
        for name in MessageTemplates.Name.allCases { sources[name] = source(name.rawValue) }
        templates = try MessageTemplates(sources: sources)
    } catch {
        fail("templates:\n\(error)")
    }
    let renderer = MessageRenderer(configuration: configuration, templates: templates)
    let planStart = monotonicNow()
    let digests = Digest.group(plannedReminders(configuration))
        .filter { !(configuration.directory.agencies[$0.agency]?.emails.isEmpty ?? true) }
    let planSeconds = seconds(since: planStart)

    // Render: templates, then MIME. One message per digest (the agency's addresses in To:), one SMTP
    // transaction per recipient address; digests are reused (with a new Message-ID) only if there are too few.
    let renderStart = monotonicNow()
    var deliveries: [Delivery] = []
    var messages = 0
    var distinctDigests = 0
    do {
        let from = configuration.delivery.from
        let replyTo = configuration.delivery.replyTo
        let domain = String(from.address.split(separator: "@").last ?? "localhost")
        var index = 0
        while deliveries.count < options.count {
            let digest = digests[index % digests.count]
            let round = index / digests.count
            index += 1
            if round == 0 { distinctDigests += 1 }
            let agency = configuration.directory.agencies[digest.agency]!
            let text = renderer.render(digest)
            let recipients = try agency.emails.map { try MailAddress(displayName: agency.name, address: $0) }
            let sendInstant =
                digest.sendDate.dayNumber * 86_400 + digest.sendAt.hour * 3600 + digest.sendAt.minute * 60
                - configuration.utcOffsetSeconds
            let message = EmailMessage(
                from: from,
                to: recipients,
                replyTo: replyTo,
                subject: text.subject,
                date: MailDate(
                    Date(timeIntervalSince1970: Double(sendInstant)), utcOffsetSeconds: configuration.utcOffsetSeconds),
                messageID: try MessageID.derived(
                    fromKey: round == 0 ? digest.key : "\(digest.key):\(round)", domain: domain),
                textBody: text.text,
                htmlBody: text.html
            )
            let rendered = try message.rendered()
            messages += 1
            for recipient in recipients where deliveries.count < options.count {
                deliveries.append(Delivery(message: rendered, recipient: recipient))
            }
        }
    } catch {
        fail("rendering failed: \(error)")
    }
    let renderSeconds = seconds(since: renderStart)
    let envelopeFrom = configuration.delivery.from.address
    let bytes = deliveries.reduce(0) { $0 + $1.message.bytes.count }

    // The prepared messages for msmtp: NNNNN.eml plus one "file<TAB>from<TAB>recipient" line each.
    var envelopes = ""
    for (number, delivery) in deliveries.enumerated() {
        let name = String(format: "%05d.eml", number)
        write(delivery.message.bytes, to: options.out + "/" + name)
        envelopes += "\(name)\t\(envelopeFrom)\t\(delivery.recipient.address)\n"
    }
    write(Array(envelopes.utf8), to: options.out + "/envelopes.tsv")

    print(
        "  \(digests.count) digests planned in \(String(format: "%.3f", planSeconds)) s; \(messages) messages rendered "
            + "(\(distinctDigests) distinct digests) in \(String(format: "%.3f", renderSeconds)) s "
            + "= \(String(format: "%.0f", Double(messages) / renderSeconds)) messages/s")
    print(
        "  \(deliveries.count) deliveries (one SMTP transaction per recipient), \(bytes / deliveries.count) bytes on average"
    )

    let transport: SMTPTransport
    do {
        transport = try SMTPTransport(
            configuration: SMTPConfiguration(
                url: "smtp://127.0.0.1:\(options.port)", tls: .none, helo: "nhacviec.gialai.example",
                connectTimeout: .seconds(5), timeout: .seconds(30)))
    } catch {
        fail("SMTP configuration: \(error)")
    }
    let from = configuration.delivery.from  // MAIL FROM takes its address only
    var sent = 0
    var failures: [String: Int] = [:]
    let start = monotonicNow()
    for delivery in deliveries {
        let result = await transport.send(delivery.message, from: from, to: delivery.recipient)
        if result.isSent { sent += 1 } else { failures[result.description, default: 0] += 1 }
    }
    let sendSeconds = seconds(since: start)
    for (reason, count) in failures.sorted(by: { $0.value > $1.value }) {
        print("  NOT SENT \(count)×: \(reason)")
    }
    print(
        "RESULT mode=smtp count=\(deliveries.count) ok=\(sent) seconds=\(sendSeconds) render_seconds=\(renderSeconds) messages=\(messages)"
    )
}

// MARK: - Webhooks

func runWebhook(_ options: Options) async {
    let configuration = loadConfiguration(options.config)
    let secret: WebhookSecret
    let endpoint: WebhookEndpoint
    do {
        secret = try WebhookSecret(parsing: readText(options.secretFile))
        endpoint = try WebhookEndpoint(options.url)
    } catch {
        fail("\(error)")
    }
    let reminders = plannedReminders(configuration)
    let prepareStart = monotonicNow()
    var requests: [WebhookRequest] = []
    do {
        for (reminder, round) in cycled(reminders, count: options.count) {
            let body = WebhookPayload.json(for: reminder, configuration: configuration).render()
            let id = round == 0 ? reminder.key : "\(reminder.key):\(round)"
            requests.append(try WebhookRequest(endpoint: endpoint, id: id, body: Array(body.utf8)))
        }
    } catch {
        fail("webhook request: \(error)")
    }
    let prepareSeconds = seconds(since: prepareStart)
    let bytes = requests.reduce(0) { $0 + $1.body.count }

    // The prepared requests for curl: NNNNN.json (body) and NNNNN.hdr (the same headers, signed now).
    let timestamp = Int64(Date().timeIntervalSince1970)
    for (number, request) in requests.enumerated() {
        let name = options.out + "/" + String(format: "%05d", number)
        write(request.body, to: name + ".json")
        let headers =
            request.headers(signedWith: secret, timestamp: timestamp).map { "\($0.name): \($0.value)\n" }
            .joined() + "user-agent: nhacviec\nExpect:\n"
        write(Array(headers.utf8), to: name + ".hdr")
    }
    print(
        "  \(reminders.count) reminders planned; \(requests.count) payloads built in "
            + "\(String(format: "%.3f", prepareSeconds)) s, \(bytes / requests.count) bytes of JSON on average")

    let transport: WebhookTransport
    do {
        transport = try WebhookTransport(
            secret: secret, configuration: WebhookConfiguration(connectTimeout: .seconds(5), timeout: .seconds(30)))
    } catch {
        fail("\(error)")
    }
    var sent = 0
    var failures: [String: Int] = [:]
    let start = monotonicNow()
    for request in requests {
        let result = await transport.send(request)
        if case .sent = result { sent += 1 } else { failures[result.description, default: 0] += 1 }
    }
    let sendSeconds = seconds(since: start)
    for (reason, count) in failures.sorted(by: { $0.value > $1.value }) {
        print("  NOT SENT \(count)×: \(reason)")
    }
    print(
        "RESULT mode=webhook count=\(requests.count) ok=\(sent) seconds=\(sendSeconds) render_seconds=\(prepareSeconds)"
    )
}

let options = parseOptions()
do {
    try CurlRuntime.initialize()  // once, before any other thread exists
} catch {
    fail("\(error)")
}
switch options.mode {
case "smtp": await runSMTP(options)
default: await runWebhook(options)
}
