/// What one pass did, for logs, `status` and `serve --once`.
package struct PassReport: Sendable, Equatable, CustomStringConvertible {
    package var recorded = 0
    package var skipped = 0
    package var sent = 0
    package var retrying = 0
    package var failed = 0

    package var description: String {
        "\(sent) sent, \(retrying) to retry, \(failed) failed, \(skipped) skipped, \(recorded) newly due"
    }
}
