#if canImport(Glibc)
import Glibc
#endif
import EdgewiseCore

/// The system's real-time clock as a `Timestamp`. The core never reads the clock; the runtime
/// passes it in.
public enum WallClock {
    public static func now() -> Timestamp {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Timestamp(epochMilliseconds: Int64(now.tv_sec) * 1_000 + Int64(now.tv_nsec) / 1_000_000)
    }
}
