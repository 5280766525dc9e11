package import Foundation
package import NhacViecCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// "Sends" mail by writing each message into `<state_dir>/outbox/` as an `.eml` file: the default
/// transport, so nothing leaves a freshly installed machine.
///
/// Each file holds exactly the bytes SMTP would send and appears atomically (written to a temporary
/// file, flushed to disk, then renamed), so a reader never sees half a message.
package struct OutboxTransport: MailTransport {
    /// `<state_dir>/outbox`.
    package let directory: URL

    /// Writes into `stateDirectory/outbox`, created on first use.
    package init(stateDirectory: URL) {
        directory = stateDirectory.appendingPathComponent("outbox", isDirectory: true)
    }

    /// The file name for a message: its identifier with anything but letters, digits and `.@=+-_`
    /// replaced by `_`, then `.eml`.
    package static func fileName(for messageID: MessageID) -> String {
        var name = ""
        for scalar in messageID.value.unicodeScalars {
            let keep =
                ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ".@=+-_".unicodeScalars.contains(scalar)
            name.unicodeScalars.append(keep ? scalar : "_")
        }
        if name.hasPrefix(".") {
            name = "_" + name.dropFirst()
        }
        return name + ".eml"
    }

    /// Writes `message` to its file, replacing an earlier copy of the same message.
    ///
    /// The envelope is not stored: every recipient of one message shares one file, whose `To:`
    /// header names them. Returns `.sent(code: 0)`, `.retryable` when the disk is full, or
    /// `.configuration` when the directory cannot be created or written.
    package func send(
        _ message: RenderedEmail,
        from envelopeFrom: MailAddress,
        to recipient: MailAddress
    ) async -> MailDeliveryResult {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            return .configuration(reason: "cannot create the outbox \(directory.path): \(error.localizedDescription)")
        }
        let target = directory.appendingPathComponent(OutboxTransport.fileName(for: message.messageID))
        let temporary = directory.appendingPathComponent(".\(UUID().uuidString).tmp")
        let failure =
            OutboxTransport.writeDurably(message.bytes, to: temporary.path)
            ?? (rename(temporary.path, target.path) == 0 ? nil : errno)
        guard let failure else { return .sent(code: 0) }
        _ = unlink(temporary.path)
        let reason = "cannot write \(target.path): \(String(cString: strerror(failure)))"
        switch failure {
        case ENOSPC, EDQUOT, EIO, EINTR, EAGAIN: return .retryable(code: nil, reason: reason)
        default: return .configuration(reason: reason)
        }
    }

    /// Creates `path`, writes `bytes`, flushes them to disk and closes; returns `errno` on failure.
    private static func writeDurably(_ bytes: [UInt8], to path: String) -> Int32? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { return errno }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let failure = errno
                close(descriptor)
                return failure
            }
            written += count
        }
        let failure: Int32? = fsync(descriptor) == 0 ? nil : errno
        return close(descriptor) == 0 ? failure : (failure ?? errno)
    }
}
