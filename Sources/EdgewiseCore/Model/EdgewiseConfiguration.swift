/// Everything a config directory describes, decoded and validated: the gateway, its devices, its rules.
///
/// Produced by `ConfigLoader` (in `EdgewiseConfig`) only when the directory has no errors, so the
/// runtime can rely on every cross-reference (rule → device → point) being resolved.
public struct EdgewiseConfiguration: Sendable {
    public var gateway: GatewayConfig
    public var devices: [DeviceConfig]
    public var rules: [RuleConfig]

    public init(gateway: GatewayConfig, devices: [DeviceConfig], rules: [RuleConfig]) {
        self.gateway = gateway
        self.devices = devices
        self.rules = rules
    }

    /// The number of points over all devices.
    public var pointCount: Int { devices.reduce(0) { $0 + $1.points.count } }

    /// The device named `name`.
    public func device(named name: String) -> DeviceConfig? { devices.first { $0.name == name } }
}
