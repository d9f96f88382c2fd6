import Hummingbird

/// The server's front door: every request passes the token check and the method check before
/// the routes see it, whatever its path, so nothing is reachable around them.
///
/// Order: a missing or wrong token → 401 (nothing else is revealed without it), except for the
/// dashboard page at `/`, which holds no data and asks for the token itself; a method other
/// than GET or HEAD → 405 with `Allow: GET, HEAD`; then the routes (404 for unknown paths).
/// Every answer carries `Cache-Control: no-store`; answers to HEAD have no body.
struct StatusResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let routes: RouterResponder<BasicRequestContext>
    /// The token requests must carry; `nil` when the server is open (loopback without `token_file`).
    let token: BearerToken?
    /// The paths there are, listed in the answer to an unknown one.
    let paths: [String]

    /// The `realm` of the `WWW-Authenticate` challenge.
    static let realm = "edgewise"

    func respond(to request: Request, context: Context) async throws -> Response {
        var response = try await answer(request, context: context)
        // A HEAD answer has the headers of the GET answer and no body (RFC 9110 §9.3.2), also for
        // 401 and 404, which the router's HEAD handling does not see.
        if request.method == .head { response = response.createHeadResponse() }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private func answer(_ request: Request, context: Context) async throws -> Response {
        if let token, !Self.isPublic(request) {
            switch token.check(authorization: request.headers[.authorization]) {
            case .accepted:
                break
            case .missing:
                return Self.unauthorized(challenge: "Bearer realm=\"\(Self.realm)\"", "a bearer token is required\n")
            case .wrong:
                return Self.unauthorized(challenge: "Bearer realm=\"\(Self.realm)\", error=\"invalid_token\"", "the bearer token is not valid\n")
            }
        }
        guard request.method == .get || request.method == .head else {
            var response = StatusRoutes.text("the status endpoint is read-only: use GET or HEAD\n", status: .methodNotAllowed)
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let response = try await routes.respond(to: request, context: context)
        guard response.status == .notFound else { return response }
        return StatusRoutes.text("no such endpoint; there are \(paths.joined(separator: " "))\n", status: .notFound)
    }

    /// Whether `request` may be answered without the token: GET or HEAD of the dashboard page, the
    /// same static bytes for every gateway (its data comes from `/status`, which needs the token).
    static func isPublic(_ request: Request) -> Bool {
        (request.method == .get || request.method == .head) && request.uri.path == "/"
    }

    private static func unauthorized(challenge: String, _ message: String) -> Response {
        var response = StatusRoutes.text(message, status: .unauthorized)
        response.headers[.wwwAuthenticate] = challenge
        return response
    }
}
