/// Everything a config directory describes, decoded and validated: the gateway, its devices, its rules.
///
/// Produced by `ConfigLoader` (in `EdgewiseConfig`) only when the directory has no errors, so the
/// runtime can rely on every cross-reference (rule → device → point) being resolved.
public struct EdgewiseConfiguration: Sendable {
    public var gateway: GatewayConfig
    public var devices: [DeviceConfig]
    public var rules: [RuleConfig]
    /// Identifies the files this configuration was read from: `sha256:` and the SHA-256 of their
    /// paths and contents, as `ConfigLoader` read them (`config.digest` in `/status`). It changes
    /// when, and only when, a file is added, removed or edited. `nil` for a configuration made in code.
    public var digest: String?

    public init(gateway: GatewayConfig, devices: [DeviceConfig], rules: [RuleConfig], digest: String? = nil) {
        self.gateway = gateway
        self.devices = devices
        self.rules = rules
        self.digest = digest
    }

    /// The number of points over all devices.
    public var pointCount: Int { devices.reduce(0) { $0 + $1.points.count } }

    /// The device named `name`.
    public func device(named name: String) -> DeviceConfig? { devices.first { $0.name == name } }
}
