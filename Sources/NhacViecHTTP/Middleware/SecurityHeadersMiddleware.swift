package import Hummingbird

/// Headers every page of a private link carries: never cached, never indexed, never framed, no referrer leaking the
/// token, and a Content-Security-Policy that allows no script at all.
package struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headers: HTTPFields {
        [
            .cacheControl: "no-store",
            .referrerPolicy: "no-referrer",
            .xRobotsTag: "noindex, nofollow",
            .contentSecurityPolicy:
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            .xContentTypeOptions: "nosniff",
            .xFrameOptions: "DENY",
        ]
    }

    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        for field in Self.headers { response.headers[field.name] = field.value }
        return response
    }
}
