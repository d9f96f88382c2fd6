import Glibc

/// A small file's contents (for /proc, whose files report size 0), `nil` when it cannot be read.
public func readSmallFile(_ path: String) -> String? {
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

/// User + system CPU seconds of another process, from `/proc/PID/stat` (10 ms resolution); `nil`
/// when it cannot be read.
public func cpuSeconds(ofProcess pid: Int32) -> Double? {
    guard let stat = readSmallFile("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // Fields after the command: state is field 3 of stat(5), so utime (14) and stime (15) are at 11 and 12.
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// The 1-minute load average (`/proc/loadavg`), e.g. `3.67`: how busy the shared machine was.
public func oneMinuteLoad() -> String {
    readSmallFile("/proc/loadavg")?.split(separator: " ").first.map(String.init) ?? "?"
}

/// The 1-, 5- and 15-minute load averages, e.g. `3.67 2.10 1.05`.
public func loadAverage() -> String {
    readSmallFile("/proc/loadavg")?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}

/// A benchmark that could not run as set up.
public struct BenchmarkError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// `AMD EPYC 7B13, 2 cores, Linux 6.1.0-18-amd64`: the machine a benchmark ran on.
public func machineDescription() -> String {
    var system = utsname()
    uname(&system)
    let kernel = withUnsafeBytes(of: system.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    let cpuModel = readSmallFile("/proc/cpuinfo")?.split(separator: "\n").first { $0.hasPrefix("model name") }?
        .split(separator: ":", maxSplits: 1).last.map { $0.trimmingPrefix(" ") } ?? "?"
    return "\(cpuModel), \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) cores, Linux \(kernel)"
}
