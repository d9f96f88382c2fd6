import BenchmarkSupport
import Glibc

/// CPU time and context switches of this process (all threads) and of single threads, read
/// from the kernel: what the benchmark reports instead of wall-clock time where it can.
struct ProcessCounters: Sendable {
    /// User + system CPU seconds of every thread of the process, dead ones included
    /// (`CLOCK_PROCESS_CPUTIME_ID`, nanosecond resolution).
    var cpuSeconds: Double
    /// Voluntary + involuntary context switches of every thread (`getrusage(RUSAGE_SELF)`).
    var contextSwitches: Int
    /// CPU seconds of the threads whose name starts with `mb ` (the Modbus bus threads), by name.
    var busThreadSeconds: Double

    /// The counters now.
    static func now() -> ProcessCounters {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return ProcessCounters(
            cpuSeconds: seconds(of: CLOCK_PROCESS_CPUTIME_ID), contextSwitches: Int(usage.ru_nvcsw + usage.ru_nivcsw),
            busThreadSeconds: threads().filter { $0.name.hasPrefix("mb ") }.reduce(0) { $0 + $1.cpuSeconds })
    }

    /// What happened between `earlier` and `self`.
    func since(_ earlier: ProcessCounters) -> ProcessCounters {
        ProcessCounters(
            cpuSeconds: cpuSeconds - earlier.cpuSeconds, contextSwitches: contextSwitches - earlier.contextSwitches,
            busThreadSeconds: busThreadSeconds - earlier.busThreadSeconds)
    }

    /// The live threads of this process: name (`/proc/self/task/TID/comm`) and CPU seconds (the
    /// thread's CPU clock, nanosecond resolution).
    static func threads() -> [(tid: Int32, name: String, cpuSeconds: Double)] {
        guard let directory = opendir("/proc/self/task") else { return [] }
        defer { closedir(directory) }
        var threads: [(tid: Int32, name: String, cpuSeconds: Double)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let tid = Int32(name) else { continue }
            let comm = readSmallFile("/proc/self/task/\(tid)/comm")?.split(separator: "\n").first.map(String.init) ?? ""
            // A thread's CPU clock id, as glibc's pthread_getcpuclockid makes it: (~tid << 3) | CPUCLOCK_PERTHREAD | CPUCLOCK_SCHED.
            threads.append((tid, comm, seconds(of: clockid_t((~tid) << 3) | 6)))
        }
        return threads
    }

    /// The pid of the process whose command line has all of `arguments`, other than this one.
    static func findProcess(withArguments arguments: [String]) -> Int32? {
        guard let directory = opendir("/proc") else { return nil }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let pid = Int32(name), pid != getpid(), let commandLine = readSmallFile("/proc/\(pid)/cmdline") else { continue }
            let words = commandLine.split(separator: "\0").map(String.init)
            if arguments.allSatisfy(words.contains) { return pid }
        }
        return nil
    }

    static func seconds(of clock: clockid_t) -> Double {
        var time = timespec()
        guard clock_gettime(clock, &time) == 0 else { return 0 }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
