package import Hummingbird

/// Refuses a request whose declared body is over `limit` bytes with 413 before any route reads it; routes still read
/// bodies with the same limit, which catches chunked bodies that declare no length.
package struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    package let limit: Int

    package init(limit: Int) {
        self.limit = limit
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw HTTPError(.contentTooLarge, message: "Nội dung gửi lên quá lớn (tối đa \(limit / 1024) KiB).")
        }
        return try await next(request, context)
    }
}
