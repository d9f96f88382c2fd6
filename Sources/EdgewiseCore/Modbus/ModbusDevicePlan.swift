/// The reads of one Modbus device for every combination of poll groups that can be due together,
/// planned once per config (and again when holes are learned) instead of at every poll.
///
/// The groups due at `t` are those whose interval divides `t`, so the combinations that occur are
/// found from the intervals alone: for each least common multiple `L` of some intervals, the groups
/// due at `L` are those whose interval divides `L`. With intervals {500ms, 2s, 1m} they are
/// {500ms} (period 500ms), {500ms, 2s} (period 2s) and {500ms, 2s, 1m} (period 1m). Combinations
/// whose period would exceed a week, or more than 64 of them, are not enumerated; they are planned
/// when they occur.
public struct ModbusDevicePlan: Sendable {
    /// Groups that are due together, and the reads that cover their points.
    public struct Combination: Sendable, Hashable {
        /// The intervals of the groups due, shortest first.
        public var intervals: [Duration]
        /// The least common multiple of `intervals`: exactly this combination is due at the
        /// multiples of `period` that are not multiples of a longer combination's period.
        public var period: Duration
        /// The points due, group by group.
        public var slots: [ModbusPointSlot]
        /// The reads, as `ModbusRequestPlanner` plans them.
        public var requests: [ModbusReadRequest]
        /// How many times exactly this combination is due in one `hyperperiod` (counting `t = 0`);
        /// `nil` when the combinations could not all be enumerated.
        public var occurrencesPerHyperperiod: Int?
    }

    /// The longest period enumerated: a week.
    public static let longestEnumeratedPeriod = Duration.seconds(7 * 24 * 3_600)
    /// The most combinations enumerated.
    public static let mostEnumeratedCombinations = 64

    public let schedule: ModbusPollSchedule
    public let maxGap: Int
    /// The holes the cached plans honour.
    public private(set) var holes: ModbusHoles
    /// Every enumerated combination, by period (so the last is the full cycle when enumeration
    /// succeeded).
    public private(set) var combinations: [Combination]
    /// The reads when every group is due (at `t = 0` and every `hyperperiod`).
    public private(set) var fullCycle: [ModbusReadRequest]
    /// The least common multiple of all intervals, after which the pattern of combinations repeats;
    /// `nil` when it exceeds `longestEnumeratedPeriod`.
    public let hyperperiod: Duration?
    private var indexByIntervals: [[Int64]: Int]

    /// Plans every combination of `schedule`'s groups.
    ///
    /// - Precondition: `maxGap >= 0`.
    public init(schedule: ModbusPollSchedule, maxGap: Int, holes: ModbusHoles = ModbusHoles()) {
        let intervals = schedule.groups.map(\.milliseconds)
        let periods = Self.enumeratePeriods(intervals)
        var combinations: [Combination] = []
        for period in periods ?? Self.fallbackPeriods(intervals) {
            // The fallback's full cycle may have a period too long to represent (Int64.max).
            let due = period == Int64.max ? schedule.groups : schedule.groups.filter { period % $0.milliseconds == 0 }
            combinations.append(Combination(
                intervals: due.map(\.interval), period: .milliseconds(period), slots: due.flatMap(\.slots), requests: [], occurrencesPerHyperperiod: nil))
        }
        if let periods, let hyperperiod = periods.last {
            // Multiples of L in [0, H), less those that belong to a longer combination L is a divisor of.
            for index in combinations.indices.reversed() {
                let period = periods[index]
                let longer = periods.indices.filter { $0 > index && periods[$0] % period == 0 }
                combinations[index].occurrencesPerHyperperiod = Int(hyperperiod / period) - longer.reduce(0) { $0 + combinations[$1].occurrencesPerHyperperiod! }
            }
            self.hyperperiod = .milliseconds(hyperperiod)
        } else {
            self.hyperperiod = nil
        }
        self.schedule = schedule
        self.maxGap = maxGap
        self.holes = holes
        self.combinations = combinations
        self.fullCycle = []
        indexByIntervals = Dictionary(combinations.enumerated().map { ($1.intervals.map(\.totalMilliseconds), $0) }, uniquingKeysWith: { first, _ in first })
        replan()
    }

    /// The plan of a Modbus device, with its `max_gap`.
    ///
    /// - Precondition: the device speaks Modbus.
    public init(device: DeviceConfig, holes: ModbusHoles = ModbusHoles()) {
        guard case .modbus(let settings) = device.connection else { preconditionFailure("\(device.name) is not a Modbus device") }
        self.init(schedule: ModbusPollSchedule(device: device), maxGap: settings.maxGap, holes: holes)
    }

    /// The reads for the points due at `elapsed`: from the cache when `holes` are the ones planned
    /// with, else planned afresh (cheap, but call `update(holes:)` to cache the new plans).
    public func requests(at elapsed: Duration, holes: ModbusHoles) -> [ModbusReadRequest] {
        let due = schedule.dueGroups(at: elapsed)
        guard !due.isEmpty else { return [] }
        if holes == self.holes, let index = indexByIntervals[due.map(\.milliseconds)] { return combinations[index].requests }
        return ModbusRequestPlanner.plan(due.flatMap(\.slots), maxGap: maxGap, holes: holes)
    }

    /// The reads for the points due at `elapsed`, with the holes planned with.
    public func requests(at elapsed: Duration) -> [ModbusReadRequest] { requests(at: elapsed, holes: holes) }

    /// Replans every combination for `holes`, when they differ from those planned with.
    public mutating func update(holes: ModbusHoles) {
        guard holes != self.holes else { return }
        self.holes = holes
        replan()
    }

    /// One read per point, as a poller without planning would make in a full cycle.
    public var naiveRequestCount: Int { schedule.slots.count }

    /// The reads in one `hyperperiod`, over all combinations; `nil` without a hyperperiod.
    public var requestsPerHyperperiod: Int? {
        guard hyperperiod != nil else { return nil }
        return combinations.reduce(0) { $0 + $1.requests.count * $1.occurrencesPerHyperperiod! }
    }

    /// The reads in one `hyperperiod` with one read per point; `nil` without a hyperperiod.
    public var naiveRequestsPerHyperperiod: Int? {
        guard let hyperperiod = hyperperiod?.totalMilliseconds else { return nil }
        return schedule.groups.reduce(0) { $0 + Int(hyperperiod / $1.milliseconds) * $1.slots.count }
    }

    private mutating func replan() {
        for index in combinations.indices {
            combinations[index].requests = ModbusRequestPlanner.plan(combinations[index].slots, maxGap: maxGap, holes: holes)
        }
        fullCycle = ModbusRequestPlanner.plan(schedule.slots, maxGap: maxGap, holes: holes)
    }

    /// Every least common multiple of some of `intervals` (in milliseconds), ascending; `nil` when
    /// one exceeds `longestEnumeratedPeriod` or there are more than `mostEnumeratedCombinations`.
    static func enumeratePeriods(_ intervals: [Int64]) -> [Int64]? {
        let longest = longestEnumeratedPeriod.totalMilliseconds
        var periods = Set(intervals)
        var frontier = intervals
        while !frontier.isEmpty {
            var next: [Int64] = []
            for period in frontier {
                for interval in intervals {
                    guard let multiple = leastCommonMultiple(period, interval), multiple <= longest else { return nil }
                    if periods.insert(multiple).inserted { next.append(multiple) }
                }
            }
            guard periods.count <= mostEnumeratedCombinations else { return nil }
            frontier = next
        }
        return periods.sorted()
    }

    /// When not all combinations can be enumerated: each group with the shorter ones it coincides
    /// with, and all groups together (at their least common multiple, or `Int64.max` when that
    /// overflows).
    static func fallbackPeriods(_ intervals: [Int64]) -> [Int64] {
        let all = intervals.dropFirst().reduce(intervals.first ?? 1) { leastCommonMultiple($0, $1) ?? Int64.max }
        return Array(Set(intervals + [all])).sorted()
    }

    /// `nil` on overflow.
    static func leastCommonMultiple(_ left: Int64, _ right: Int64) -> Int64? {
        var (a, b) = (left, right)
        while b != 0 { (a, b) = (b, a % b) }
        let (product, overflow) = (left / a).multipliedReportingOverflow(by: right)
        return overflow ? nil : product
    }
}
