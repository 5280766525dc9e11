/// The per-transfer state libcurl's callbacks read and write: upload bytes, response headers, cancellation.
///
/// Used only on the worker's queue during one `perform`.
final class CurlTransfer {
    let cancellation: CurlCancellation
    private let upload: [UInt8]
    private var uploadOffset = 0
    private var headers: [(name: String, value: String)] = []

    init(cancellation: CurlCancellation, upload: [UInt8] = []) {
        self.cancellation = cancellation
        self.upload = upload
    }

    /// The value of the last response's header `name` (case-insensitive), if present.
    func responseHeader(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.last { $0.name == wanted }?.value
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
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new response (after 100 Continue, say): forget the previous one's headers.
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t\r\n")
        headers.append((name, value))
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = self
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
