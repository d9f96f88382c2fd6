/// A point's value and when it was measured.
public struct RecordedValue: Sendable, Hashable {
    public var value: ReadingValue
    public var time: Timestamp

    public init(value: ReadingValue, time: Timestamp) {
        self.value = value
        self.time = time
    }
}

/// One number sample in a point's history.
public struct HistorySample: Sendable, Hashable {
    public var time: Timestamp
    public var value: Double

    public init(time: Timestamp, value: Double) {
        self.time = time
        self.value = value
    }
}
