/// Internal knobs of the durable queue with the defaults the gateway runs with; tests shorten
/// the times.
struct QueueTuning: Sendable {
    /// After `SQLITE_FULL` the queue holds itself to the size it had; this long after, it tries to
    /// grow again (the disk may have room by then).
    var diskFullRetryInterval: Duration = .seconds(10)
    /// An overflow episode ends when the queue has fallen to this fraction of its limit.
    var overflowEndFraction: Double = 0.9
    /// Free pages are returned to the file system once more than this many are free…
    var vacuumMinimumFreePages: Int64 = 256
    /// …and they are more than this fraction of the file. Vacuuming moves the rows at the end of
    /// the file into free pages before cutting it, so it waits until little is left to move: a
    /// drain moves at most about a ninth of the peak size in all, mostly at its end, and a steady
    /// trickle of appends and acknowledgements reuses free pages instead.
    var vacuumFreeFraction: Double = 0.9
    /// Pages kept free after vacuuming, for the next appends.
    var vacuumReservePages: Int64 = 64
    /// Pages released per step; steps alternate with waiting appends and acknowledgements.
    var vacuumStepPages: Int64 = 2048
    /// Wall-clock milliseconds, for overflow episodes.
    var now: @Sendable () -> Int64 = { WallClock.nowMilliseconds() }
}
