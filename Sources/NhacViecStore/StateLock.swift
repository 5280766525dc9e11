import Foundation

/// The lock `nhacviec serve` holds on `state_dir/state.lock` for as long as it runs.
///
/// `restore` must not replace the ledger under a running service, and two services on one state directory would
/// race for the same reminders; an exclusive `flock(2)` tells both. The kernel drops the lock when the process
/// exits, however it exits (kill -9 included), so there is never a stale lock to clean up. The holder writes its
/// pid into the file for the message others print.
package final class StateLock: Sendable {
    // A file descriptor is an integer that only this object closes, once, in deinit.
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// `state_dir/state.lock`.
    package static func path(inStateDirectory directory: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent("state.lock").path
    }

    /// Takes the lock of `directory` (creating the directory and the file as needed).
    ///
    /// - Throws: `StoreError` with code `.locked` naming the holder's pid when another process holds it.
    package static func acquire(stateDirectory directory: String) throws -> StateLock {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = path(inStateDirectory: directory)
        var descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        // A lock file another user created (root running `restore` before the service ever ran) can still be
        // locked through a read-only descriptor; only the pid is then not written.
        if descriptor < 0 && errno == EACCES { descriptor = open(path, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            throw StoreError(
                code: errno == EACCES ? .permissionDenied : .other, path: path, action: "open",
                reason: String(cString: strerror(errno)), fix: "check state_dir and the service user")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(
                in: .whitespacesAndNewlines)
            close(descriptor)
            throw StoreError(
                code: .locked, path: directory, action: "lock",
                reason: "nhacviec serve" + (holder.map { $0.isEmpty ? "" : " (pid \($0))" } ?? "") + " is using it",
                fix: "stop the service first: systemctl stop nhacviec")
        }
        handOver([path])
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return StateLock(descriptor: descriptor)
    }

    /// Gives `paths` the owner of their directory when root restores: the service runs as its own user (systemd's
    /// `DynamicUser=`), and a ledger left owned by root would stop it at the next start.
    static func handOver(_ paths: [String]) {
        guard geteuid() == 0, let first = paths.first else { return }
        var directory = stat()
        guard stat((first as NSString).deletingLastPathComponent, &directory) == 0 else { return }
        for path in paths where FileManager.default.fileExists(atPath: path) {
            _ = chown(path, directory.st_uid, directory.st_gid)
        }
    }
}
