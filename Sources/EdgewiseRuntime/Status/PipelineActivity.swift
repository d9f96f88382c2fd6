import EdgewiseCore

/// What the pipeline counts for the status endpoint beyond what its deriver remembers: per device,
/// messages, polls, failed requests, rejections, when its liveness last changed, and each point's
/// last accepted value; per rule, how often it triggered.
///
/// Owned by the `EventPipeline` actor and updated there as it works (plain stores, no locks), read
/// when `/status` asks. Counts are since the process started: a reload hands them to the next
/// generation's pipeline, unlike the pipeline's `statistics`, which restart with each generation.
public struct PipelineActivity: Sendable {
    /// Per device name.
    public var devices: [String: DeviceActivity] = [:]
    /// Per rule name: times it triggered.
    public var ruleTriggers: [String: Int] = [:]

    public init() {}
}

/// One device's counters and last values; see ``PipelineActivity``.
public struct DeviceActivity: Sendable {
    /// MQTT messages routed to it.
    public var messages = 0
    /// Modbus polls it answered.
    public var polls = 0
    /// Modbus requests to it that failed, and polls that could not connect.
    public var errors = 0
    /// Its values rejected.
    public var rejections = 0
    /// When it last went online or offline (its `DeviceOnline`/`DeviceOffline` event's time), in
    /// this process; `nil` before that.
    public var since: Timestamp?
    /// Per point name: the last accepted reading.
    public var points: [String: Reading] = [:]

    public init() {}

    /// Keeps `reading` as its point's last value.
    mutating func accept(_ reading: Reading) {
        points[reading.point] = reading
    }
}

extension DeviceActivity {
    /// One MQTT message routed to the device, with the readings and the number of rejections it gave.
    mutating func recordMessage(_ readings: [Reading], rejections: Int) {
        messages += 1
        self.rejections += rejections
        for reading in readings { accept(reading) }
    }

    /// One answered Modbus poll, with its readings and the number of rejections.
    mutating func recordPoll(_ readings: [(point: PointConfig, reading: Reading)], rejections: Int) {
        polls += 1
        self.rejections += rejections
        for (_, reading) in readings { accept(reading) }
    }
}
