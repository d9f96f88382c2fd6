/// One file in `devices/`: a device, how to reach it, and the points it provides.
public struct DeviceConfig: Sendable {
    /// `device`: the name rules and events use (`hvac` in `hvac.cooling`). For a template file
    /// (`device: "{device}"` with a topic that captures `{device}`) this is the template, and
    /// `isTemplate` is true: each name the topic captures is a device of its own.
    public var name: String
    /// Where `device:` is written, for messages about the device as a whole.
    public var location: ConfigLocation
    /// `protocol` and its settings.
    public var connection: DeviceConnection
    /// `stale_after`: after this long without data the device is reported offline and its
    /// values count as unknown in rules; `nil` means never.
    public var staleAfter: Duration?
    /// `points`, in file order.
    public var points: [PointConfig]

    /// Whether `name` is a template such as `{device}` or `room-{device}`.
    public var isTemplate: Bool { name.contains("{device}") }

    /// The device name for a name the topic captured: the template with `{device}` replaced.
    public func instanceName(for captured: String) -> String { name.replacingPlaceholder("{device}", with: captured) }

    public init(name: String, location: ConfigLocation, connection: DeviceConnection, staleAfter: Duration? = nil, points: [PointConfig]) {
        self.name = name
        self.location = location
        self.connection = connection
        self.staleAfter = staleAfter
        self.points = points
    }

    /// The point named `name`.
    public func point(named name: String) -> PointConfig? { points.first { $0.name == name } }
}
