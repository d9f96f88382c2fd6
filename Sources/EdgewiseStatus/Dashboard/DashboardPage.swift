import Hummingbird

/// The built-in dashboard that `GET /` serves: one self-contained HTML page (inline CSS and
/// JavaScript, no external assets), so it works on a LAN without internet access.
///
/// The page holds no gateway data: it is the same bytes for every gateway, and it is served
/// without the bearer token (see ``StatusResponder``). In the browser it fetches `/status` and
/// `/readyz`, renders them, re-fetches every 2 s and after each event, and reads `/events` with a
/// streaming `fetch` (not `EventSource`, which cannot send an `Authorization` header). When the
/// gateway answers 401 it asks for the token and keeps it in the tab's `sessionStorage`.
/// Everything from the gateway reaches the DOM as text (`textContent`, `setAttribute`), never as
/// markup. docs/status.md describes it for users.
///
/// The markup, style and script live in `DashboardPage+Markup.swift`, `+Style.swift` and
/// `+Script.swift` as static strings: a SwiftPM resource would need Foundation's `Bundle`.
enum DashboardPage {
    /// The whole page, assembled once.
    static let html: String = markup(style: style, script: script)

    /// What the page may load and where it may connect: only inline style and script of its own,
    /// and fetches to the gateway it came from.
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'unsafe-inline'", "style-src 'unsafe-inline'", "connect-src 'self'",
        "img-src data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// `GET /`: the page, with headers that keep it from being framed or sniffed, and from loading
    /// or connecting anywhere but its own gateway (it sends no referrer either: a `<meta>` says so).
    static func response() -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy: contentSecurityPolicy,
                .xContentTypeOptions: "nosniff",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
