/// When each point of a Modbus device is due: points are grouped by poll interval (the point's
/// `poll`, else the device's), and a group with interval `I` is due at every `t = k·I`, `k = 0, 1,
/// 2, …`, in whole milliseconds since the device's anchor (the time its polling started).
///
/// Anchoring every group to the same instant makes groups coincide exactly when their cycles do —
/// 500ms and 2s points are read together every 2s — and keeps them from drifting: a due time never
/// depends on when the previous poll finished. A poll that overruns simply skips the due times it
/// missed (`nextDue(after:)` of the current time).
///
/// A poller reads everything at `.zero` (every group is due then), and then repeatedly sleeps until
/// `anchor + nextDue(after: now − anchor)` and reads what is due at that time.
public struct ModbusPollSchedule: Sendable, Hashable {
    /// The points polled at one interval.
    public struct Group: Sendable, Hashable {
        public var interval: Duration
        public var slots: [ModbusPointSlot]

        public init(interval: Duration, slots: [ModbusPointSlot]) {
            self.interval = interval
            self.slots = slots
        }

        var milliseconds: Int64 { interval.totalMilliseconds }
    }

    /// By interval, shortest first; points in the order given.
    public let groups: [Group]

    /// Groups `entries` by interval.
    ///
    /// - Precondition: every interval is at least 1ms.
    public init(_ entries: [(slot: ModbusPointSlot, interval: Duration)]) {
        var byInterval: [Int64: [ModbusPointSlot]] = [:]
        for entry in entries {
            let milliseconds = entry.interval.totalMilliseconds
            precondition(milliseconds >= 1, "poll intervals are at least 1ms")
            byInterval[milliseconds, default: []].append(entry.slot)
        }
        groups = byInterval.keys.sorted().map { Group(interval: .milliseconds($0), slots: byInterval[$0]!) }
    }

    /// The schedule of a Modbus device's points, each at its own `poll` or the device's.
    ///
    /// - Precondition: the device speaks Modbus.
    public init(device: DeviceConfig) {
        guard case .modbus(let settings) = device.connection else { preconditionFailure("\(device.name) is not a Modbus device") }
        // A plain loop: the closure form of this crashed the Swift 6.3.1 optimizer (CopyPropagation)
        // in release builds.
        let defaultInterval = settings.pollInterval
        var entries: [(slot: ModbusPointSlot, interval: Duration)] = []
        for point in device.points {
            guard let register = point.modbusRegister else { continue }
            entries.append((ModbusPointSlot(point: point, register: register), register.pollInterval ?? defaultInterval))
        }
        self.init(entries)
    }

    /// Every point, group by group.
    public var slots: [ModbusPointSlot] { groups.flatMap(\.slots) }

    /// The first due time strictly after `elapsed` (read in whole milliseconds); `.zero` for a
    /// negative `elapsed`, and `.zero` when there are no points.
    public func nextDue(after elapsed: Duration) -> Duration {
        guard elapsed >= .zero, !groups.isEmpty else { return .zero }
        let now = elapsed.totalMilliseconds
        let next = groups.map { group in (now / group.milliseconds + 1) * group.milliseconds }.min()!
        return .milliseconds(next)
    }

    /// The groups due at `elapsed` (read in whole milliseconds): those whose interval divides it.
    /// At `.zero` every group is due; before it, none.
    public func dueGroups(at elapsed: Duration) -> [Group] {
        guard elapsed >= .zero else { return [] }
        let now = elapsed.totalMilliseconds
        return groups.filter { now % $0.milliseconds == 0 }
    }

    /// The points due at `elapsed`.
    public func dueSlots(at elapsed: Duration) -> [ModbusPointSlot] { dueGroups(at: elapsed).flatMap(\.slots) }

    /// The intervals of the groups due at `elapsed`, shortest first: which combination is due.
    public func dueIntervals(at elapsed: Duration) -> [Duration] { dueGroups(at: elapsed).map(\.interval) }
}
