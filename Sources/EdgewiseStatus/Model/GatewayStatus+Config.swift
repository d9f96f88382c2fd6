import EdgewiseCore

extension GatewayStatus {
    /// The configuration running now (`config` in `/status`).
    public struct Config: Sendable, Hashable, Codable {
        /// Identifies the configuration's content, e.g. `sha256:…` over the files: it changes when
        /// and only when a reload brings different files. The source chooses the form.
        public var digest: String
        /// When the running configuration was loaded (at start, or by the last accepted reload).
        public var loadedAt: String
        /// The last reload (SIGHUP), accepted or not; `nil` when there was none since start.
        public var lastReload: Reload?

        public init(digest: String, loadedAt: Timestamp, lastReload: Reload? = nil) {
            self.digest = digest
            self.loadedAt = loadedAt.rfc3339
            self.lastReload = lastReload
        }

        enum CodingKeys: String, CodingKey {
            case digest
            case loadedAt = "loaded_at"
            case lastReload = "last_reload"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(digest, forKey: .digest)
            try container.encode(loadedAt, forKey: .loadedAt)
            try container.encode(lastReload, forKey: .lastReload)
        }
    }

    /// One reload attempt (`config.last_reload`).
    public struct Reload: Sendable, Hashable, Codable {
        /// When the reload was attempted.
        public var at: String
        /// `accepted` (the new configuration runs) or `rejected` (it had errors; the previous one
        /// still runs).
        public var result: String
        /// For a rejected reload, the errors as `edgewise check` prints them; empty otherwise.
        public var errors: [String]

        public init(at: Timestamp, accepted: Bool, errors: [String] = []) {
            self.at = at.rfc3339
            self.result = accepted ? "accepted" : "rejected"
            self.errors = errors
        }
    }
}
