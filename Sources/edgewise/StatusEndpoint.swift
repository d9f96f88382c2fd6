import ArgumentParser
import EdgewiseCore

/// Where `edgewise status` asks: `http://HOST:PORT` and an optional path prefix (for a gateway
/// behind a reverse proxy at `http://proxy/edgewise/`).
///
/// Only plain HTTP: the gateway's status endpoint has no TLS (docs/status.md, Security).
struct StatusEndpoint: Equatable, CustomStringConvertible {
    var host: String
    var port: Int
    /// The path before `status`, `readyz`, …; always starts and ends with `/`.
    var prefix: String

    /// The default, when neither `--url` nor `--config` says otherwise: `status.listen`'s default.
    static let standard = StatusEndpoint(host: "127.0.0.1", port: 8080, prefix: "/")

    /// Reads `http://HOST[:PORT][/PREFIX]`, or `HOST:PORT` alone. IPv6 hosts go in brackets.
    ///
    /// - Throws: a `ValidationError` saying what is wrong, e.g. for `https://` or a missing host.
    static func parse(_ text: String) throws(ValidationError) -> StatusEndpoint {
        var rest = Substring(text)
        if let scheme = rest.firstRange(of: "://") {
            let name = rest[..<scheme.lowerBound].lowercased()
            guard name == "http" else {
                throw ValidationError(
                    "--url \(text): only http:// is supported: the status endpoint speaks plain HTTP "
                        + "(reach a remote gateway through an SSH tunnel or a VPN)")
            }
            rest = rest[scheme.upperBound...]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var prefix = String(rest[slash...])
        if prefix.isEmpty { prefix = "/" }
        if !prefix.hasSuffix("/") { prefix += "/" }
        guard !prefix.contains("?"), !prefix.contains("#") else { throw ValidationError("--url \(text): a query or fragment makes no sense here") }
        let authority = rest[..<slash]
        guard !authority.contains("@") else { throw ValidationError("--url \(text): give the token with --token-file, not in the URL") }
        let address: HostAndPort
        do {
            address = try HostAndPort.parse(String(authority), defaultPort: 80)
        } catch {
            throw ValidationError("--url \(text): \(error.message)")
        }
        return StatusEndpoint(host: address.host, port: address.port, prefix: prefix)
    }

    /// Where a client reaches a server that listens on `listen` (`status.listen`): the wildcard
    /// addresses `0.0.0.0` and `::` are reached on loopback.
    init(listen: HostAndPort) {
        let host = switch listen.host {
        case "0.0.0.0", "": "127.0.0.1"
        case "::", "[::]": "::1"
        default: listen.host
        }
        self.init(host: host, port: listen.port, prefix: "/")
    }

    init(host: String, port: Int, prefix: String) {
        self.host = host
        self.port = port
        self.prefix = prefix
    }

    /// The `Host` header's value: `HOST:PORT`, IPv6 hosts in brackets.
    var authority: String { HostAndPort(host: host, port: port).description }

    /// The request target for `path` (`status`), e.g. `/status` or `/edgewise/status`.
    func target(_ path: String) -> String { prefix + path }

    /// `http://HOST:PORT/PREFIX`, for messages.
    var description: String { "http://\(authority)\(prefix == "/" ? "" : prefix)" }
}
