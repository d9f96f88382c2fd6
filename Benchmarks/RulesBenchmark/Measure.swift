import BenchmarkSupport
import Glibc

/// `CLOCK_MONOTONIC` in nanoseconds: the one clock every figure of this benchmark is read from.
@inline(__always)
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
}

/// What two back-to-back `monotonicNanoseconds()` calls measure: the floor under every in-process
/// figure (median and maximum of 100,000 pairs, in nanoseconds).
func clockOverhead() -> (median: Double, max: Double) {
    var gaps: [Double] = []
    gaps.reserveCapacity(100_000)
    for _ in 0..<100_000 {
        let start = monotonicNanoseconds()
        gaps.append(Double(monotonicNanoseconds() - start))
    }
    let percentiles = Percentiles(gaps)
    return (percentiles.at(50), percentiles.max)
}
