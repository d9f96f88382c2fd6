/// One file in `devices/`: a device, how to reach it, and the points it provides.
public struct DeviceConfig: Sendable {
    /// `device`: the name rules and events use (`hvac` in `hvac.cooling`).
    public var name: String
    /// Where `device:` is written, for messages about the device as a whole.
    public var location: SourceLocation
    /// `protocol` and its settings.
    public var connection: DeviceConnection
    /// `stale_after`: after this long without data the device is reported offline and its
    /// values count as unknown in rules; `nil` means never.
    public var staleAfter: Duration?
    /// `points`, in file order.
    public var points: [PointConfig]

    public init(name: String, location: SourceLocation, connection: DeviceConnection, staleAfter: Duration? = nil, points: [PointConfig]) {
        self.name = name
        self.location = location
        self.connection = connection
        self.staleAfter = staleAfter
        self.points = points
    }

    /// The point named `name`.
    public func point(named name: String) -> PointConfig? { points.first { $0.name == name } }
}
