@testable import NhacViecCore

/// Small in-memory configs for validation tests.
enum ConfigFixtures {
    static let main = """
        timezone: Asia/Ho_Chi_Minh
        include: [agencies.yaml, plans/p.yaml]
        reminders: { before: [7, 3, 1], escalate_after: 3, escalate_to: vp-ubnd }
        """

    static let agencies = """
        groups:
          so-ban-nganh: { name: "Các sở, ban, ngành tỉnh" }
        agencies:
          - { id: vp-ubnd, name: "Văn phòng UBND tỉnh", email: [vp-ubnd@gialai.example] }
          - { id: so-tu-phap, name: "Sở Tư pháp", email: [so-tu-phap@gialai.example], groups: [so-ban-nganh] }
          - { id: so-khcn, name: "Sở Khoa học và Công nghệ", email: [so-khcn@gialai.example], groups: [so-ban-nganh] }
        """

    static let plan = """
        plan: { id: "949/KH-UBND", title: "Kế hoạch", issued: 2025-04-15, period: { from: 2025-04-15, until: 2026-12-31 } }
        tasks:
          - id: "1.2.a"
            title: "Cắt giảm TTHC"
            lead: [so-ban-nganh]
            support: [so-khcn]
            milestones:
              - { id: gui-vp, who: lead, to: vp-ubnd, due: { every: year, date: "15/6" }, text: "Gửi phương án trước ngày 15/6 hàng năm." }
              - { id: trinh-ct, who: [vp-ubnd], due: { every: year, date: "30/6" } }
          - id: "1.1"
            title: "Tổng hợp"
            lead: [so-ban-nganh]
            milestones:
              - { id: gui-vp, who: lead, due: "25/4/2025" }
        """

    /// Compiles the three files, replacing any of them; `morePlans` are further plan files.
    static func compile(
        main: String = main, agencies: String = agencies, plan: String = plan, morePlans: [String] = []
    ) throws(ConfigErrors) -> Configuration {
        try ConfigCompiler.compile(
            main: ConfigSource(path: "Config/nhacviec.yaml", text: main),
            included: [
                ConfigSource(path: "Config/agencies.yaml", text: agencies),
                ConfigSource(path: "Config/plans/p.yaml", text: plan),
            ]
                + morePlans.enumerated().map {
                    ConfigSource(path: "Config/plans/p\($0.offset + 2).yaml", text: $0.element)
                }
        ).configuration
    }

    /// The diagnostics of a config that must fail.
    static func errors(main: String = main, agencies: String = agencies, plan: String = plan) -> [ConfigDiagnostic] {
        do {
            _ = try compile(main: main, agencies: agencies, plan: plan)
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }
        }
    }
}
