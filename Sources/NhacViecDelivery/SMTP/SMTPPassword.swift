/// An SMTP password that never shows itself in logs, errors, `print`, `dump` or string interpolation.
public struct SMTPPassword: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: String

    /// Wraps a password already read by the caller (from `password_file`, the systemd credentials
    /// directory or the environment).
    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
