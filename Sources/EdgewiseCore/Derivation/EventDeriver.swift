/// Derives domain events from readings: `ReadingReported` (with report-by-exception),
/// `ThresholdCrossed`/`ThresholdCleared` with hysteresis, `DeviceOnline`/`DeviceOffline`, and
/// `ReadingRejected` for rejections; and drops redelivered messages.
///
/// Pure and deterministic: time comes in with each call (the reading's time, or `now` for
/// staleness), and everything remembered is in `state`, which the runtime persists.
///
/// Threshold semantics, for `{above: L, hysteresis: H}`: crossed when a value is greater than L;
/// cleared when a value is L − H or less. For `{below: L, hysteresis: H}`: crossed below L, cleared
/// at L + H or more. A value dithering around L therefore crosses once. The first value after the
/// gateway starts without saved state announces a crossing if it is beyond the limit, and nothing
/// otherwise.
public struct EventDeriver: Sendable {
    public private(set) var state: DerivationState
    /// When this run began: devices not heard from get `stale_after` from here before they count as offline.
    let startedAt: Timestamp
    /// `stale_after` of every device the deriver knows, including template instances once heard from.
    var staleAfter: [String: Duration] = [:]

    /// - Parameters:
    ///   - devices: the configured devices; non-template devices with `stale_after` are watched
    ///     from the start, even before they send anything.
    ///   - state: what a previous run saved, or a fresh state.
    ///   - startedAt: now.
    public init(devices: [DeviceConfig], state: DerivationState = DerivationState(), startedAt: Timestamp) {
        self.state = state
        self.startedAt = startedAt
        for device in devices where !device.isTemplate {
            if let stale = device.staleAfter { staleAfter[device.name] = stale }
        }
        // Forget devices and points no longer configured, so the saved state does not grow forever.
        let known = Set(devices.map(\.name))
        let templated = devices.contains(where: \.isTemplate)
        if !templated {
            self.state.devices = self.state.devices.filter { known.contains($0.key) }
            self.state.recentMessageKeys = self.state.recentMessageKeys.filter { known.contains($0.key) }
        }
    }

    // MARK: - Messages

    /// Whether a message with `key` was already seen for `device` (a redelivery); records it if not.
    public mutating func isDuplicate(device: String, messageKey key: String?) -> Bool {
        guard let key else { return false }
        if state.recentMessageKeys[device]?.contains(key) ?? false { return true }
        state.recentMessageKeys[device, default: RecentKeys()].insert(key)
        return false
    }

    /// Records that `device` was heard from at `time` (any message, even one that is rejected),
    /// emitting `DeviceOnline` when it was offline or never heard from before.
    public mutating func heard(device: String, staleAfter stale: Duration?, at time: Timestamp, into events: inout [DomainEvent]) {
        if let stale { staleAfter[device] = stale }
        var liveness = state.devices[device] ?? DeviceLiveness()
        if liveness.status != .online {
            events.append(DomainEvent(.deviceOnline, time: time, device: device, data: .deviceOnline(offlineSince: liveness.offlineSince)))
            liveness.status = .online
            liveness.offlineSince = nil
        }
        if liveness.lastSeen.map({ time > $0 }) ?? true { liveness.lastSeen = time }
        state.devices[device] = liveness
    }

    /// Derives the events for a reading of `point`.
    public mutating func accept(_ reading: Reading, point: PointConfig, into events: inout [DomainEvent]) {
        if shouldReport(reading, point: point) {
            events.append(DomainEvent(.readingReported, time: reading.time, device: reading.device, point: reading.point,
                                      data: .readingReported(value: reading.value, unit: reading.unit)))
            // Only report-by-exception needs the last reported value.
            if point.deadband != nil || point.minimumInterval != nil {
                state.lastReported[DerivationState.pointKey(device: reading.device, point: reading.point)] = ReportedValue(value: reading.value, time: reading.time)
            }
        }
        guard case .number(let value) = reading.value else { return }
        for threshold in point.thresholds {
            let key = DerivationState.thresholdKey(device: reading.device, point: reading.point, threshold: threshold)
            let wasCrossed = state.crossedThresholds[key] ?? false
            let isCrossed: Bool
            switch threshold.direction {
            case .above: isCrossed = wasCrossed ? value > threshold.limit - threshold.hysteresis : value > threshold.limit
            case .below: isCrossed = wasCrossed ? value < threshold.limit + threshold.hysteresis : value < threshold.limit
            }
            state.crossedThresholds[key] = isCrossed
            guard isCrossed != wasCrossed else { continue }
            let data = ThresholdEventData(value: value, unit: reading.unit, direction: threshold.direction, limit: threshold.limit, hysteresis: threshold.hysteresis)
            events.append(DomainEvent(isCrossed ? .thresholdCrossed : .thresholdCleared, time: reading.time, device: reading.device,
                                      point: reading.point, data: isCrossed ? .thresholdCrossed(data) : .thresholdCleared(data)))
        }
    }

    /// The `ReadingRejected` event for a rejection.
    public func rejected(_ rejection: Rejection) -> DomainEvent {
        DomainEvent(.readingRejected, time: rejection.time, device: rejection.device, point: rejection.point,
                    data: .readingRejected(source: rejection.source, reason: rejection.reason, detail: rejection.detail, payloadExcerpt: rejection.payloadExcerpt))
    }

    /// Report-by-exception: `min_interval` since the last report, and a change of at least `deadband`.
    func shouldReport(_ reading: Reading, point: PointConfig) -> Bool {
        guard point.deadband != nil || point.minimumInterval != nil,
              let last = state.lastReported[DerivationState.pointKey(device: reading.device, point: reading.point)]
        else { return true }
        if let interval = point.minimumInterval, reading.time - last.time < interval { return false }
        switch (reading.value, last.value) {
        case (.number(let value), .number(let previous)):
            if let deadband = point.deadband { return abs(value - previous) >= deadband }
            return true
        default:
            return point.deadband == nil || reading.value != last.value
        }
    }

    /// Records that polling `device` failed `failedPolls` times in a row (the poller decides when
    /// that is enough), emitting `DeviceOffline` unless it is already offline. The next answer,
    /// passed to `heard`, brings it back with `DeviceOnline`.
    public mutating func unreachable(device: String, failedPolls: Int, error: String, at time: Timestamp, into events: inout [DomainEvent]) {
        var liveness = state.devices[device] ?? DeviceLiveness()
        guard liveness.status != .offline else { return }
        liveness.status = .offline
        liveness.offlineSince = time
        state.devices[device] = liveness
        events.append(DomainEvent(.deviceOffline, time: time, device: device,
                                  data: .deviceOffline(lastSeen: liveness.lastSeen, cause: .unreachable(failedPolls: failedPolls, error: error))))
    }

    // MARK: - Time

    /// Emits `DeviceOffline` for every watched device silent for its `stale_after` at `now`.
    /// Call it periodically (the runtime does, every second).
    public mutating func checkStaleness(now: Timestamp, into events: inout [DomainEvent]) {
        for (device, stale) in staleAfter.sorted(by: { $0.key < $1.key }) {
            var liveness = state.devices[device] ?? DeviceLiveness()
            guard liveness.status != .offline else { continue }
            // A device gets its full stale_after after a restart, whatever it did before.
            let reference = max(liveness.lastSeen ?? startedAt, startedAt)
            guard now - reference >= stale else { continue }
            liveness.status = .offline
            liveness.offlineSince = now
            state.devices[device] = liveness
            events.append(DomainEvent(.deviceOffline, time: now, device: device, data: .deviceOffline(lastSeen: liveness.lastSeen, cause: .silent(staleAfter: stale))))
        }
    }
}
