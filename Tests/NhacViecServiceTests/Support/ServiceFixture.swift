import Foundation

/// A config directory for service tests: `agencies` agencies, each with one address, and one milestone all of
/// them must meet on `due`, delivered to a loopback SMTP relay.
struct ServiceFixture {
    let scratch: Scratch
    let smtpPort: Int
    var agencies: Int
    var due: String
    var before: [Int]

    var configPath: String { scratch.path("Config/nhacviec.yaml") }
    var stateDirectory: String { scratch.path("state") }

    init(scratch: Scratch, smtpPort: Int, agencies: Int, due: String = "2026-06-15", before: [Int] = []) {
        self.scratch = scratch
        self.smtpPort = smtpPort
        self.agencies = agencies
        self.due = due
        self.before = before
    }

    func write(extraAgencies: Int = 0, brokenPlan: Bool = false) throws {
        let config = scratch.url.appendingPathComponent("Config")
        try FileManager.default.createDirectory(
            at: config.appendingPathComponent("plans"), withIntermediateDirectories: true)
        let templates = config.appendingPathComponent("templates")
        if !FileManager.default.fileExists(atPath: templates.path) {
            try FileManager.default.copyItem(
                at: Repository.root.appendingPathComponent("Config/templates"), to: templates)
        }
        let main = """
            timezone: Asia/Ho_Chi_Minh
            state_dir: \(stateDirectory)
            include: [agencies.yaml, plans/*.yaml]
            reminders: { before: \(before), on_due_date: true, overdue_every: 0, send_at: "08:00", catch_up_days: 2 }
            delivery:
              email:
                transport: smtp
                from: "Văn phòng UBND tỉnh Gia Lai <nhacviec@gialai.example>"
                smtp: { url: "smtp://127.0.0.1:\(smtpPort)", tls: none, timeout_seconds: 10 }
              retry: { initial_minutes: 5, max_minutes: 60 }
            """
        try main.write(to: config.appendingPathComponent("nhacviec.yaml"), atomically: true, encoding: .utf8)
        var agencies = "groups:\n  tat-ca: { name: \"Tất cả đơn vị\" }\nagencies:\n"
        for index in 1...(self.agencies + extraAgencies) {
            let id = String(format: "don-vi-%04d", index)
            agencies +=
                "  - { id: \(id), name: \"Đơn vị số \(index)\", email: [\(id)@gialai.example], groups: [tat-ca] }\n"
        }
        try agencies.write(to: config.appendingPathComponent("agencies.yaml"), atomically: true, encoding: .utf8)
        let plan = """
            plan: { id: "1/KH-TEST", title: "Kế hoạch thử nghiệm", issued: 2026-01-02, period: { from: 2026-01-02, until: 2026-12-31 } }
            tasks:
              - id: "1"
                title: "Báo cáo kết quả thực hiện"
                lead: [tat-ca]
                product: "Báo cáo"
                milestones:
                  - { id: bao-cao, who: lead, due: \(due), text: "Các đơn vị gửi báo cáo trước ngày \(due)." }
            \(brokenPlan ? "  - id: \"2\"\n    title: \"Sai\"\n    lead: [khong-ton-tai]\n    milestones: [{ id: x, who: lead, due: 2026-02-30 }]\n" : "")
            """
        try plan.write(to: config.appendingPathComponent("plans/p.yaml"), atomically: true, encoding: .utf8)
    }
}
