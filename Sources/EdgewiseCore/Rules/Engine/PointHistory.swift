/// The recent number samples of one point, oldest first, for `avg`, `min`, `max` and `delta`.
///
/// Keeps only what the longest window over the point needs, and at most `capacity` samples
/// (dropping the oldest), so memory stays bounded however fast a point reports.
struct PointHistory: Sendable, Hashable {
    /// The most samples kept per point.
    static let capacity = 10_000

    /// The longest window any expression reads this point over.
    let longestWindow: Duration
    private(set) var samples: [HistorySample] = []
    /// Samples before this index are dropped (compacted now and then).
    private var head = 0

    init(longestWindow: Duration) {
        self.longestWindow = longestWindow
    }

    var live: ArraySlice<HistorySample> { samples[head...] }

    /// Adds a sample, in time order (a late one goes where it belongs).
    mutating func insert(_ sample: HistorySample) {
        if let last = samples.last, sample.time < last.time {
            let index = firstIndex(after: sample.time)
            samples.insert(sample, at: max(index, head))
        } else {
            samples.append(sample)
        }
        if samples.count - head > Self.capacity { head += samples.count - head - Self.capacity }
        compact()
    }

    /// Drops samples too old for the longest window at `time`.
    mutating func trim(at time: Timestamp) {
        let oldest = time - longestWindow
        while head < samples.count, samples[head].time <= oldest { head += 1 }
        compact()
    }

    private mutating func compact() {
        if head > 64, head * 2 > samples.count {
            samples.removeFirst(head)
            head = 0
        }
    }

    /// The index of the first live sample later than `time`.
    private func firstIndex(after time: Timestamp) -> Int {
        var low = head, high = samples.count
        while low < high {
            let middle = (low + high) / 2
            if samples[middle].time <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The samples in the window ending at `time`: later than `time - window`, not later than `time`.
    func window(_ window: Duration, at time: Timestamp) -> ArraySlice<HistorySample> {
        let from = firstIndex(after: time - window)
        let to = firstIndex(after: time)
        return samples[from..<max(from, to)]
    }

    /// `function` over the window ending at `time`; `nil` without samples (and, for `delta`,
    /// with fewer than two).
    func evaluate(_ function: RuleFunction, window: Duration, at time: Timestamp) -> Double? {
        let inWindow = self.window(window, at: time)
        guard let first = inWindow.first, let last = inWindow.last else { return nil }
        switch function {
        case .avg:
            return inWindow.reduce(0) { $0 + $1.value } / Double(inWindow.count)
        case .min:
            return inWindow.reduce(first.value) { Swift.min($0, $1.value) }
        case .max:
            return inWindow.reduce(first.value) { Swift.max($0, $1.value) }
        case .delta:
            return inWindow.count >= 2 ? last.value - first.value : nil
        }
    }

    /// When the oldest sample in the window ending at `time` leaves it, if there is one.
    func nextDeparture(window: Duration, after time: Timestamp) -> Timestamp? {
        self.window(window, at: time).first.map { $0.time + window }
    }
}
