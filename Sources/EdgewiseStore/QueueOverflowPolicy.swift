import EdgewiseCore

/// What the durable queue does when an append would take it past its size limit
/// (`buffer.overflow` in `gateway.yaml`). Every event removed or refused is counted.
public enum QueueOverflowPolicy: String, Sendable, Hashable, CaseIterable {
    /// Evict the oldest event of the lowest ``QueuePriority`` class first (telemetry, then normal
    /// events, alarms last). An incoming event whose class is lower than everything stored is
    /// refused instead, so a reading never pushes out an alarm. The default.
    case priority
    /// Evict the oldest events, whatever their class.
    case dropOldest = "drop_oldest"
    /// Keep what is stored and refuse the incoming events.
    case dropNewest = "drop_newest"

    /// The policy `buffer.overflow` names.
    public init(_ overflow: BufferConfig.Overflow) {
        switch overflow {
        case .priority: self = .priority
        case .dropOldest: self = .dropOldest
        case .dropNewest: self = .dropNewest
        }
    }
}
