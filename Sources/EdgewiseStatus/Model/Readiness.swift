/// The answer to "does the gateway do its job now?", for `GET /readyz`: ready when there is no
/// reason not to be.
///
/// JSON: `{"ready": false, "reasons": ["local broker: not connected since 2026-11-23T19:05:00.123Z"]}`.
public struct Readiness: Sendable, Hashable, Codable {
    /// Why the gateway is not ready, one sentence each, for people; empty when ready.
    public var reasons: [String]

    /// Ready when `reasons` is empty.
    public init(reasons: [String]) {
        self.reasons = reasons
    }

    /// Ready: no reasons.
    public static let ready = Readiness(reasons: [])

    /// Not ready, for these reasons.
    ///
    /// - Precondition: `reasons` is not empty (a gateway that is not ready can say why).
    public static func notReady(_ reasons: [String]) -> Readiness {
        precondition(!reasons.isEmpty, "a gateway that is not ready must give a reason")
        return Readiness(reasons: reasons)
    }

    /// Whether the gateway is ready: no reasons against it.
    public var isReady: Bool { reasons.isEmpty }

    enum CodingKeys: String, CodingKey {
        case ready, reasons
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reasons = try container.decode([String].self, forKey: .reasons)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isReady, forKey: .ready)
        try container.encode(reasons, forKey: .reasons)
    }
}
