/// A request to the queue's writer thread, with the continuation that receives its result.
enum QueueJob: Sendable {
    case append([QueuedEvent], CheckedContinuation<Result<AppendReceipt, DurableQueueError>, Never>)
    case acknowledge([Int64], CheckedContinuation<Result<AcknowledgeReceipt, DurableQueueError>, Never>)
    /// Finish what came before, sync, checkpoint, close the connection, end the thread, then call
    /// the function (if any).
    case close((@Sendable () -> Void)?)
    /// Runs a function on the writer's connection (tests: `PRAGMA max_page_count`).
    case maintenance(@Sendable (SQLiteDatabase) -> Void, CheckedContinuation<Void, Never>)
}
