import Glibc

/// A pipe whose write end stands in for the daemon's stderr.
final class StreamPipe {
    let readEnd: Int32
    let writeEnd: Int32
    private var writeOpen = true

    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw ReceiverError.system("pipe", errno) }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        if writeOpen { close(writeEnd) }
    }

    /// `device:inode` of the write end, as systemd puts it in `$JOURNAL_STREAM`.
    func identity() throws -> String {
        var status = stat()
        guard fstat(writeEnd, &status) == 0 else { throw ReceiverError.system("fstat", errno) }
        return "\(status.st_dev):\(status.st_ino)"
    }

    /// Closes the write end and returns everything written to it.
    func drain() -> String {
        close(writeEnd)
        writeOpen = false
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
