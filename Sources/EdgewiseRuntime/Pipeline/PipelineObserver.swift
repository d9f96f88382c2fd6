import EdgewiseCore

/// Sees what the pipeline accepted, batch by batch and in order, and may add events of its own to
/// the batch: the rule engine, which must see every reading and know when devices go offline.
public protocol PipelineObserver: Sendable {
    /// Called once per batch that accepted readings or changed a device's liveness; the events it
    /// returns are published right after the batch's own.
    func observe(_ changes: ObservedChanges) async -> [DomainEvent]
}

/// What one pipeline batch changed.
public struct ObservedChanges: Sendable {
    /// The readings accepted, in order (rejected values are not readings).
    public var readings: [Reading]
    /// `DeviceOnline` and `DeviceOffline` events of the batch, in order.
    public var liveness: [DomainEvent]

    public init(readings: [Reading], liveness: [DomainEvent]) {
        self.readings = readings
        self.liveness = liveness
    }
}
