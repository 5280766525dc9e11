import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One libcurl easy handle, set up with the options every nhacviec transfer needs.
///
/// Keeping one handle per transport lets libcurl reuse its connection across transfers.
final class CurlEasy: @unchecked Sendable {
    // Safe to send: a transport creates its CurlEasy and from then on touches it only inside its own
    // CurlWorker closures, which run one at a time on one serial queue; the C handle is therefore never
    // used by two threads at once, which is all libcurl asks of an easy handle.
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(CurlRuntimeError) {
        try CurlRuntime.initialize()
        guard let handle = curl_easy_init() else {
            throw CurlRuntimeError(reason: "curl_easy_init returned no handle")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        do {
            try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
            try set(CURLOPT_NOSIGNAL, 1)
            try set(CURLOPT_NOPROGRESS, 0)
            try setCallbacks()
        } catch {
            throw CurlRuntimeError(reason: error.description)
        }
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws(CurlOptionError) {
        try check(option, ccurl_setopt_long(handle, option, value))
    }

    func set(_ option: CURLoption, _ value: String) throws(CurlOptionError) {
        // libcurl copies string options (all but CURLOPT_POSTFIELDS) before returning.
        try check(option, value.withCString { ccurl_setopt_str(handle, option, $0) })
    }

    func set(_ option: CURLoption, offset value: Int64) throws(CurlOptionError) {
        try check(option, ccurl_setopt_off(handle, option, curl_off_t(value)))
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(CurlOptionError) {
        try check(option, ccurl_setopt_ptr(handle, option, value))
    }

    /// Sets a string-list option (`CURLOPT_MAIL_RCPT`, `CURLOPT_HTTPHEADER`) for the duration of `body`.
    ///
    /// libcurl does not copy lists, so the list lives exactly as long as `body` runs and the option is
    /// cleared before it is freed.
    func with<Result>(
        _ option: CURLoption,
        list strings: [String],
        _ body: () throws(CurlOptionError) -> Result
    ) throws(CurlOptionError) -> Result {
        var list: UnsafeMutablePointer<curl_slist>?
        for string in strings {
            guard let extended = string.withCString({ curl_slist_append(list, $0) }) else {
                curl_slist_free_all(list)
                throw CurlOptionError(option: option, code: CURLE_OUT_OF_MEMORY)
            }
            list = extended
        }
        defer {
            _ = ccurl_setopt_slist(handle, option, nil)
            curl_slist_free_all(list)
        }
        try check(option, ccurl_setopt_slist(handle, option, list))
        return try body()
    }

    /// Runs one blocking transfer with the options set so far.
    ///
    /// - Important: Call only from the owning transport's `CurlWorker`.
    func perform(_ transfer: CurlTransfer) -> CurlOutcome {
        errorBuffer[0] = 0
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        _ = ccurl_setopt_ptr(handle, CURLOPT_READDATA, context)
        _ = ccurl_setopt_ptr(handle, CURLOPT_XFERINFODATA, context)
        _ = ccurl_setopt_ptr(handle, CURLOPT_HEADERDATA, context)
        let code = withExtendedLifetime(transfer) { curl_easy_perform(handle) }
        var responseCode = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
        let detail = errorBuffer[0] == 0 ? String(cString: curl_easy_strerror(code)) : String(cString: errorBuffer)
        return CurlOutcome(
            code: code, responseCode: responseCode, detail: detail, cancelled: transfer.cancellation.isCancelled)
    }

    /// Shuts down the cached connection's socket, if any, so that neither the next transfer nor
    /// `curl_easy_cleanup` waits on a server that stopped answering; libcurl then reconnects.
    ///
    /// Used after a timeout or a cancellation, when the SMTP dialogue is in an unknown state.
    func dropConnection() {
        var socket = CURL_SOCKET_BAD
        guard ccurl_getinfo_socket(handle, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK, socket != CURL_SOCKET_BAD
        else { return }
        // shutdown, not close: the descriptor stays libcurl's to close, so it cannot be reused under it.
        _ = shutdown(socket, Int32(SHUT_RDWR))
    }

    private func setCallbacks() throws(CurlOptionError) {
        try check(
            CURLOPT_READFUNCTION,
            ccurl_setopt_data_func(handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
                guard let buffer, let context else { return Int(CURL_READFUNC_ABORT) }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.readUpload(into: buffer, capacity: size * count)
            })
        // Response bodies are not needed: read and drop them instead of libcurl's default of stdout.
        try check(
            CURLOPT_WRITEFUNCTION,
            ccurl_setopt_data_func(handle, CURLOPT_WRITEFUNCTION) { _, size, count, _ in
                size * count
            })
        try check(
            CURLOPT_HEADERFUNCTION,
            ccurl_setopt_data_func(handle, CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
                guard let buffer, let context else { return size * count }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: size * count))
                return size * count
            })
        // Non-zero aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
        try check(
            CURLOPT_XFERINFOFUNCTION,
            ccurl_setopt_xferinfo_func(handle) { context, _, _, _, _ in
                guard let context else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.cancellation.isCancelled ? 1 : 0
            })
    }

    private func check(_ option: CURLoption, _ code: CURLcode) throws(CurlOptionError) {
        guard code == CURLE_OK else { throw CurlOptionError(option: option, code: code) }
    }
}

/// libcurl refused an option, usually because it was built without the feature.
struct CurlOptionError: Error, CustomStringConvertible {
    let option: CURLoption
    let code: CURLcode

    var description: String {
        "libcurl refused option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))"
    }
}

/// What one `curl_easy_perform` returned.
struct CurlOutcome: Sendable {
    /// libcurl's result code.
    let code: CURLcode
    /// The last SMTP or HTTP reply code, 0 when the server sent none.
    let responseCode: Int
    /// libcurl's error text for `code`; never contains credentials.
    let detail: String
    /// Whether the awaiting task had been cancelled.
    let cancelled: Bool
}
