import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Process-wide libcurl setup: `curl_global_init` once and `SIGPIPE` ignored.
public enum CurlRuntime {
    /// Initialises libcurl for the whole process; safe to call any number of times from any thread.
    ///
    /// Call it at startup, before other threads exist (libcurl's own advice); every transport also
    /// calls it when created, so forgetting it cannot crash.
    /// - Throws: `CurlRuntimeError` when libcurl cannot initialise (out of memory, broken TLS library).
    public static func initialize() throws(CurlRuntimeError) {
        let code = globalInitResult
        guard code == CURLE_OK else {
            throw CurlRuntimeError(reason: String(cString: curl_easy_strerror(code)))
        }
    }

    /// The version string of the libcurl in use, such as `libcurl/7.88.1 OpenSSL/3.0.15`.
    public static var version: String {
        String(cString: curl_version())
    }
}

/// libcurl could not be initialised.
public struct CurlRuntimeError: Error, CustomStringConvertible, Sendable {
    /// What libcurl said.
    public let reason: String

    public var description: String {
        "libcurl could not be initialised: \(reason)"
    }
}

/// Lazily run exactly once (Swift globals are initialised atomically).
private let globalInitResult: CURLcode = {
    // A peer closing a socket must give EPIPE, not kill the daemon; CURLOPT_NOSIGNAL alone
    // does not cover every TLS library's writes.
    signal(SIGPIPE, SIG_IGN)
    return ccurl_global_init_all()
}()
