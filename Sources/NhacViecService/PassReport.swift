/// What one pass did, for logs, `status` and `serve --once`.
public struct PassReport: Sendable, Equatable, CustomStringConvertible {
    public var recorded = 0
    public var skipped = 0
    public var sent = 0
    public var retrying = 0
    public var failed = 0

    public var description: String {
        "\(sent) sent, \(retrying) to retry, \(failed) failed, \(skipped) skipped, \(recorded) newly due"
    }
}
