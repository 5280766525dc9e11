package import Hummingbird

/// Counts every request of the acknowledgement routes in `nhacviec_ack_link_requests_total{method,result}`, by the
/// status it was answered with (an error thrown by a route counts with the status it becomes).
package struct LinkMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let telemetry: Telemetry

    package init(telemetry: Telemetry) {
        self.telemetry = telemetry
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        do {
            let response = try await next(request, context)
            telemetry.linkRequest(method: request.method.rawValue, status: response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            telemetry.linkRequest(method: request.method.rawValue, status: error.status.code)
            throw error
        } catch {
            telemetry.linkRequest(method: request.method.rawValue, status: 500)
            throw error
        }
    }
}
