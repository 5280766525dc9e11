import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// HTTP requests to the daemon's web server on 127.0.0.1, showing redirects instead of following them.
enum LoopbackHTTP {
    struct Response {
        let status: Int
        let headers: [String: String]
        let body: String

        /// A header by name, whatever its case.
        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }

    private static let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)

    static func request(
        _ method: String, _ url: String, headers: [String: String] = [:], body: Data? = nil
    ) async throws -> Response {
        guard let target = URL(string: url) else { throw SetupError("not a URL: \(url)") }
        var request = URLRequest(url: target, timeoutInterval: 30)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw SetupError("no HTTP response from \(url)") }
        var fields: [String: String] = [:]
        for case (let name as String, let value as String) in http.allHeaderFields { fields[name] = value }
        return Response(status: http.statusCode, headers: fields, body: String(decoding: data, as: UTF8.self))
    }

    /// A POST of `fields` as `application/x-www-form-urlencoded`, as a browser submits a form.
    static func postForm(
        _ url: String, fields: [(String, String)], headers: [String: String] = [:]
    ) async throws
        -> Response
    {
        // What a browser leaves as it is in a form body; everything else (UTF-8 included) is percent-encoded.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._*")
        let body = fields.map { name, value in
            [name, value].map {
                ($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0).replacingOccurrences(
                    of: "%20", with: "+")
            }.joined(separator: "=")
        }.joined(separator: "&")
        return try await request(
            "POST", url, headers: headers.merging(["Content-Type": "application/x-www-form-urlencoded"]) { a, _ in a },
            body: Data(body.utf8))
    }
}
