import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Process-wide libcurl setup: `curl_global_init` once and `SIGPIPE` ignored.
package enum CurlRuntime {
    /// Initialises libcurl for the whole process; safe to call any number of times from any thread.
    ///
    /// Call it at startup, before other threads exist (libcurl's own advice); every transport also
    /// calls it when created, so forgetting it cannot crash.
    /// - Throws: `CurlRuntimeError` when libcurl cannot initialise (out of memory, broken TLS library).
    package static func initialize() throws(CurlRuntimeError) {
        let code = globalInitResult
        guard code == CURLE_OK else {
            throw CurlRuntimeError(reason: String(cString: curl_easy_strerror(code)))
        }
    }

    /// The version string of the libcurl in use, such as `libcurl/7.88.1 OpenSSL/3.0.15`.
    package static var version: String {
        String(cString: curl_version())
    }
}

/// libcurl could not be initialised.
package struct CurlRuntimeError: Error, CustomStringConvertible, Sendable {
    /// What libcurl said.
    package let reason: String

    package var description: String {
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
