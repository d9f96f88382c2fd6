/// The engine's view of the points rules use: last values, histories for window functions, and
/// which devices are offline.
///
/// A point of an offline device is unknown, and so is every window function over it. Going
/// offline forgets the device's values (histories stay: they are measurements with times, and
/// age out), so after it comes back each point is unknown until it reports again.
struct PointStore: Sendable {
    struct Slot: Sendable {
        var value: RecordedValue?
        var history: PointHistory?
    }

    /// By `device.point`: only the points some rule uses.
    private(set) var slots: [String: Slot]
    private(set) var offline: Set<String> = []

    /// - Parameter windows: the longest window over each point a window function reads.
    init(points: Set<String>, windows: [String: Duration]) {
        var slots: [String: Slot] = [:]
        for key in points { slots[key] = Slot(history: windows[key].map(PointHistory.init(longestWindow:))) }
        self.slots = slots
    }

    static func key(_ device: String, _ point: String) -> String { "\(device).\(point)" }

    func isOffline(_ device: String) -> Bool { offline.contains(device) }

    /// The point's value, or `nil` when it has none or its device is offline.
    func value(device: String, point: String) -> ReadingValue? {
        guard !offline.contains(device) else { return nil }
        return slots[Self.key(device, point)]?.value?.value
    }

    /// `function` over the point's samples in the window ending at `time`; `nil` when unknown.
    func evaluate(_ function: RuleFunction, device: String, point: String, window: Duration, at time: Timestamp) -> Double? {
        guard !offline.contains(device) else { return nil }
        return slots[Self.key(device, point)]?.history?.evaluate(function, window: window, at: time)
    }

    /// When the oldest sample in the window ending at `time` leaves it.
    func nextDeparture(key: String, window: Duration, after time: Timestamp) -> Timestamp? {
        slots[key]?.history?.nextDeparture(window: window, after: time)
    }

    /// Records a reading processed at `time`; its sample time is its own time, but never later
    /// than `time`. A reading older than the current value only enters the history.
    ///
    /// - Returns: whether a rule uses the point.
    mutating func record(_ reading: Reading, at time: Timestamp) -> Bool {
        let key = Self.key(reading.device, reading.point)
        guard var slot = slots[key] else { return false }
        let sampleTime = min(reading.time, time)
        if slot.value.map({ sampleTime >= $0.time }) ?? true {
            slot.value = RecordedValue(value: reading.value, time: sampleTime)
        }
        if case .number(let number) = reading.value, number.isFinite, var history = slot.history, time - sampleTime < history.longestWindow {
            history.insert(HistorySample(time: sampleTime, value: number))
            slot.history = history
        }
        slots[key] = slot
        return true
    }

    /// Marks `device` offline and forgets its values. Returns whether it was online.
    mutating func setOffline(_ device: String) -> Bool {
        guard offline.insert(device).inserted else { return false }
        let prefix = device + "."
        for key in slots.keys where key.hasPrefix(prefix) && !key.dropFirst(prefix.count).contains(".") {
            slots[key]?.value = nil
        }
        return true
    }

    /// Marks `device` online. Returns whether it was offline.
    mutating func setOnline(_ device: String) -> Bool {
        offline.remove(device) != nil
    }

    /// Drops history samples no window can see any more at `time`.
    mutating func trim(at time: Timestamp) {
        for (key, slot) in slots where slot.history != nil {
            slots[key]!.history!.trim(at: time)
        }
    }

    // MARK: Saving and restoring

    var savedValues: [String: RecordedValue] {
        slots.compactMapValues(\.value)
    }

    var savedHistory: [String: [HistorySample]] {
        slots.compactMapValues { slot in slot.history.map { Array($0.live) } }.filter { !$0.value.isEmpty }
    }

    /// Restores what a saved state knew, at `now`: values of devices not offline and not silent
    /// longer than their `stale_after`, history the windows can still see, offline devices.
    mutating func restore(_ state: RuleEngineState, staleAfter: [String: Duration], now: Timestamp) {
        let devices = Set(slots.keys.map { String($0.prefix { $0 != "." }) })
        offline = state.offlineDevices.intersection(devices)
        for (key, recorded) in state.values where slots[key] != nil {
            let device = String(key.prefix { $0 != "." })
            if offline.contains(device) { continue }
            if let stale = staleAfter[device], now - recorded.time >= stale { continue }
            slots[key]!.value = recorded
        }
        for (key, samples) in state.history where slots[key]?.history != nil {
            for sample in samples where sample.time <= now { slots[key]!.history!.insert(sample) }
            slots[key]!.history!.trim(at: now)
        }
    }
}
