import Glibc
import Synchronization

/// A dedicated operating-system thread, for work that blocks: libmosquitto's network loop,
/// which may wait for room in the receive queue. Never run such work on Swift concurrency's
/// small cooperative pool.
final class PosixThread: Sendable {
    private let thread: pthread_t
    private let start: Start
    private let isJoined = Mutex(false)

    private init(thread: pthread_t, start: Start) {
        self.thread = thread
        self.start = start
    }

    /// Whether the thread's body has returned (the thread may still need joining).
    var isFinished: Bool { start.isFinished.load(ordering: .acquiring) }

    /// Starts a thread named `name` (at most 15 bytes are kept; shown by `top -H` and in
    /// `/proc/PID/task/*/comm`) running `body`.
    static func start(name: String, _ body: @escaping @Sendable () -> Void) throws(MosquittoError) -> PosixThread {
        let start = Start(name: name, body: body)
        let retained = Unmanaged.passRetained(start)
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            let start = Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue()
            PosixThread.setCurrentThreadName(start.name)
            start.body()
            start.isFinished.store(true, ordering: .releasing)
            return nil
        }, retained.toOpaque())
        guard result == 0 else {
            retained.release()
            throw MosquittoError(function: "pthread_create", subject: name, errno: result)
        }
        return PosixThread(thread: thread, start: start)
    }

    /// Waits until the thread has finished; later calls return at once. Must not be called from
    /// the thread itself.
    func join() {
        isJoined.withLock { isJoined in
            guard !isJoined else { return }
            let result = pthread_join(thread, nil)
            precondition(result == 0, "pthread_join failed: \(result)")
            isJoined = true
        }
    }

    /// What the new thread runs.
    private final class Start: Sendable {
        let name: String
        let body: @Sendable () -> Void
        let isFinished = Atomic(false)

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Names the calling thread. glibc's `pthread_setname_np` is declared only under
    /// `_GNU_SOURCE`, so Swift's Glibc module lacks it: it is looked up at run time.
    private static func setCurrentThreadName(_ name: String) {
        typealias SetName = @convention(c) (pthread_t, UnsafePointer<CChar>?) -> Int32
        // RTLD_DEFAULT, a cast macro Swift does not import, is the null handle.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_setname_np") else { return }
        let setName = unsafeBitCast(symbol, to: SetName.self)
        let truncated = String(decoding: name.utf8.prefix(15), as: UTF8.self)
        _ = setName(pthread_self(), truncated)
    }
}
