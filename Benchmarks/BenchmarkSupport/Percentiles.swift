/// Nearest-rank percentiles of samples.
public struct Percentiles: Sendable {
    private let sorted: [Double]

    public init(_ samples: [Double]) {
        sorted = samples.sorted()
    }

    public var count: Int { sorted.count }
    public var max: Double { sorted.last ?? .nan }
    public var mean: Double { sorted.isEmpty ? .nan : sorted.reduce(0, +) / Double(sorted.count) }

    /// The smallest sample at least `p` percent of the samples are not above.
    public func at(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }

    /// `p50 / p90 / p99 / max` (or the percentiles given), each with `decimals` decimals after
    /// dividing by `scale`; `n/a` without samples.
    public func summary(_ points: [Double] = [50, 90, 99], scale: Double = 1, decimals: Int = 1) -> String {
        guard count > 0 else { return "n/a" }
        return (points.map { decimal(at($0) / scale, decimals) } + [decimal(max / scale, decimals)]).joined(separator: " / ")
    }
}
