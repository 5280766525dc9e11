/// The per-transfer state libcurl's callbacks read and write: upload bytes, response headers, cancellation.
///
/// Used only on the worker's queue during one `perform`.
final class CurlTransfer {
    let cancellation: CurlCancellation
    private let upload: [UInt8]
    private var uploadOffset = 0
    /// Header lines of the last HTTP response, or every SMTP server reply line, without CRLF.
    private(set) var responseLines: [String] = []

    init(cancellation: CurlCancellation, upload: [UInt8] = []) {
        self.cancellation = cancellation
        self.upload = upload
    }

    /// The value of the last response's header `name` (case-insensitive), if present.
    func responseHeader(_ name: String) -> String? {
        let wanted = name.lowercased()
        for line in responseLines.reversed() {
            guard let colon = line.firstIndex(of: ":"), line[..<colon].lowercased() == wanted else { continue }
            return line[line.index(after: colon)...].trimmingCharacters(in: " \t")
        }
        return nil
    }

    func readUpload(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, upload.count - uploadOffset)
        guard count > 0 else { return 0 }
        upload.withUnsafeBytes { bytes in
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + uploadOffset, byteCount: count)
        }
        uploadOffset += count
        return count
    }

    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = Substring(String(decoding: bytes, as: UTF8.self)).trimmingCharacters(in: "\r\n")
        if line.hasPrefix("HTTP/") {
            // A new response (after 100 Continue, say): forget the previous one's headers.
            responseLines.removeAll()
        }
        if !line.isEmpty {
            responseLines.append(line)
        }
    }
}

extension Substring {
    /// The text without leading and trailing scalars from `set` (scalar-wise, so CR and LF are
    /// trimmed even when they form one CRLF character).
    fileprivate func trimmingCharacters(in set: String) -> String {
        let trimmed = Set(set.unicodeScalars)
        var scalars = unicodeScalars[...]
        while let first = scalars.first, trimmed.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, trimmed.contains(last) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
