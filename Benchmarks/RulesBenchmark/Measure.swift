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

/// Nearest-rank percentiles of samples.
struct Percentiles: Sendable {
    private let sorted: [Double]

    init(_ samples: [Double]) {
        sorted = samples.sorted()
    }

    var count: Int { sorted.count }
    var max: Double { sorted.last ?? .nan }
    var mean: Double { sorted.isEmpty ? .nan : sorted.reduce(0, +) / Double(sorted.count) }

    /// The smallest sample at least `p` percent of the samples are not above.
    func at(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }

    /// `p50 / p90 / p99 / max` (or the percentiles given), each with `decimals` decimals after
    /// dividing by `scale`; `n/a` without samples.
    func summary(_ points: [Double] = [50, 90, 99], scale: Double = 1, decimals: Int = 1) -> String {
        guard count > 0 else { return "n/a" }
        return (points.map { decimal(at($0) / scale, decimals) } + [decimal(max / scale, decimals)]).joined(separator: " / ")
    }
}

/// A Markdown table, columns padded so that it also reads well in a terminal.
struct Table: Sendable {
    let header: [String]
    private(set) var rows: [[String]] = []

    init(_ header: [String]) {
        self.header = header
    }

    mutating func add(_ row: [String]) {
        precondition(row.count == header.count, "a row of \(row.count) cells in a table of \(header.count) columns")
        rows.append(row)
    }

    /// The table as Markdown: the first column left-aligned, the others right-aligned.
    var markdown: String {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.enumerated().map { column, width in
            column == 0 ? " " + String(repeating: "-", count: width) + " " : " " + String(repeating: "-", count: width - 1) + ": "
        }.joined(separator: "|") + "|"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// A number with a fixed count of decimals and thousands separators: `12,345.6`.
func decimal(_ value: Double, _ decimals: Int = 0) -> String {
    guard value.isFinite else { return "\(value)" }
    var scaled = (abs(value) * pow10(decimals)).rounded()
    var digits: [Character] = []
    var place = 0
    repeat {
        if place == decimals && decimals > 0 { digits.append(".") }
        if place > decimals && (place - decimals) % 3 == 0 { digits.append(",") }
        digits.append(Character(String(Int(scaled.truncatingRemainder(dividingBy: 10)))))
        scaled = (scaled / 10).rounded(.down)
        place += 1
    } while scaled > 0 || place <= decimals
    return (value < 0 ? "-" : "") + String(digits.reversed())
}

private func pow10(_ exponent: Int) -> Double { (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

/// User + system CPU seconds of another process, from `/proc/PID/stat` (10 ms resolution); `nil`
/// when it cannot be read.
func cpuSeconds(ofProcess pid: Int32) -> Double? {
    guard let stat = readSmallFile("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // Fields after the command: utime (14) and stime (15) of stat(5) are at 11 and 12.
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// The 1-minute load average (`/proc/loadavg`), e.g. `3.67`: how busy the shared machine was.
func oneMinuteLoad() -> String {
    readSmallFile("/proc/loadavg")?.split(separator: " ").first.map(String.init) ?? "?"
}

/// A small file's contents (for /proc), `nil` when it cannot be read.
func readSmallFile(_ path: String) -> String? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        bytes += chunk[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}
