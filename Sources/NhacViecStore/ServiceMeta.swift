/// The facts the service records for `nhacviec status` in the ledger's `meta` table: one spelling, shared by the
/// writer (the service) and the reader (`status`).
package enum ServiceMeta: String, Sendable, CaseIterable {
    case lastPass = "service.last_pass"
    case nextWake = "service.next_wake"
    case configFile = "service.config_file"
    case configLoadedAt = "service.config_loaded_at"
    case lastReloadError = "service.last_reload_error"
    /// The local day (`YYYY-MM-DD`) the last "next year's holidays are missing" notice went out.
    case holidayNoticeSentOn = "service.holiday_notice_sent_on"
}
