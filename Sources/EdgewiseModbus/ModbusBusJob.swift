/// A job queued on a ``ModbusBus``, with its result type erased: what to run on the bus thread
/// and how to answer the task that waits for it.
///
/// Exactly one of ``run`` (then the returned `resume`) or ``fail`` is called, by whoever takes
/// the job out of the queue: the bus thread, ``ModbusBus/shutdown()`` or the waiting task's
/// cancellation.
struct ModbusBusJob: Sendable {
    /// Unique on its bus; lets a cancelled task take its own job back out of the queue.
    let id: UInt64
    let kind: ModbusBusJobKind
    /// Runs the caller's closure on the bus thread. Returns the error it threw, if any, and the
    /// call that hands the outcome to the waiting task, made once the bus has recorded it.
    let run: @Sendable (ModbusConnection) -> (error: ModbusError?, resume: @Sendable () -> Void)
    /// Answers the waiting task with `error` instead of running.
    let fail: @Sendable (ModbusBusError) -> Void
}
