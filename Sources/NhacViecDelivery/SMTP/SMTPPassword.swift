/// An SMTP password that never shows itself in logs, errors, `print`, `dump` or string interpolation.
package struct SMTPPassword: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: String

    /// Wraps a password already read by the caller (from `password_file`, the systemd credentials
    /// directory or the environment).
    package init(_ value: String) {
        self.value = value
    }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
    package var customMirror: Mirror { Mirror(self, children: []) }
}
