/// A count per ``QueuePriority`` class, e.g. how many events of each class were evicted.
public struct QueuePriorityCounts: Sendable, Hashable, CustomStringConvertible {
    public var telemetry: Int
    public var normal: Int
    public var alarm: Int

    public init(telemetry: Int = 0, normal: Int = 0, alarm: Int = 0) {
        self.telemetry = telemetry
        self.normal = normal
        self.alarm = alarm
    }

    /// The count of one class.
    public subscript(priority: QueuePriority) -> Int {
        get {
            switch priority {
            case .telemetry: telemetry
            case .normal: normal
            case .alarm: alarm
            }
        }
        set {
            switch priority {
            case .telemetry: telemetry = newValue
            case .normal: normal = newValue
            case .alarm: alarm = newValue
            }
        }
    }

    /// All classes together.
    public var total: Int { telemetry + normal + alarm }

    static func + (lhs: QueuePriorityCounts, rhs: QueuePriorityCounts) -> QueuePriorityCounts {
        QueuePriorityCounts(
            telemetry: lhs.telemetry + rhs.telemetry, normal: lhs.normal + rhs.normal, alarm: lhs.alarm + rhs.alarm)
    }

    /// `telemetry=3 normal=0 alarm=1`, for logs.
    public var description: String { "telemetry=\(telemetry) normal=\(normal) alarm=\(alarm)" }
}
