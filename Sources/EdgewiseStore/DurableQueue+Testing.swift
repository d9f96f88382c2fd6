/// Hooks for EdgewiseStoreTests: hold the writer back so that appends pile up into one group,
/// and run SQL on the writer's connection (e.g. `PRAGMA max_page_count` to simulate a full disk).
extension DurableQueue {
    /// Holds the writer back (`true`) or lets it go on; jobs are still accepted meanwhile.
    func setWriterPausedForTesting(_ paused: Bool) {
        channel.setPaused(paused)
    }

    /// Appends and acknowledgements waiting for the writer.
    var waitingJobsForTesting: Int { channel.waitingCount }

    /// Runs `body` on the writer thread with its connection, after the jobs already submitted.
    func onWriterForTesting(_ body: @escaping @Sendable (SQLiteDatabase) -> Void) async {
        await withCheckedContinuation { continuation in
            if !channel.submit(.maintenance(body, continuation)) { continuation.resume() }
        }
    }
}
