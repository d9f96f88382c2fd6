import Glibc
import Synchronization

/// A dedicated operating-system thread for blocking C library calls (libmosquitto's network loop,
/// a Modbus bus, the SQLite queue writer), which must never run on Swift concurrency's small
/// cooperative pool.
///
/// The body is a `sending` closure, so it may own non-`Sendable` state (a connection handle): the
/// compiler checks that nothing else keeps a reference to it. The body, and what it captured, is
/// released on the thread itself when it returns.
public final class DedicatedThread: Sendable {
    private let thread: pthread_t
    private let isJoined = Mutex(false)
    private let finished: Finished

    private init(thread: pthread_t, finished: Finished) {
        self.thread = thread
        self.finished = finished
    }

    /// Whether the body has returned (the thread may still need joining): lets an async caller
    /// wait without blocking a thread in `join()`.
    public var isFinished: Bool { finished.flag.withLock { $0 } }

    /// Starts a thread named `name` (at most 15 bytes are kept; shown by `top -H` and in
    /// `/proc/PID/task/*/comm`) running `body`.
    ///
    /// - Throws: the `errno` value `pthread_create` returned, as ``ThreadStartError``.
    public static func start(name: String, _ body: sending @escaping () -> Void) throws(ThreadStartError) -> DedicatedThread {
        let finished = Finished()
        let start = Unmanaged.passRetained(Start(name: name, body: body, finished: finished))
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            let start = Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue()
            DedicatedThread.setCurrentThreadName(start.name)
            start.body()
            start.finished.flag.withLock { $0 = true }
            return nil
        }, start.toOpaque())
        guard result == 0 else {
            start.release()
            throw ThreadStartError(name: name, errorNumber: result)
        }
        return DedicatedThread(thread: thread, finished: finished)
    }

    /// Waits until the thread has finished; later calls return at once. Blocks, so call it only
    /// when the body is known to be ending; never from the thread itself.
    public func join() {
        isJoined.withLock { isJoined in
            guard !isJoined else { return }
            let result = pthread_join(thread, nil)
            precondition(result == 0, "pthread_join failed: \(result)")
            isJoined = true
        }
    }

    /// Lets the thread end on its own, unjoined (for a thread that lives as long as what it serves).
    public func detach() {
        isJoined.withLock { isJoined in
            guard !isJoined else { return }
            pthread_detach(thread)
            isJoined = true
        }
    }

    /// Set by the thread when its body has returned.
    private final class Finished: Sendable {
        let flag = Mutex(false)
    }

    /// What the new thread runs; handed over to it, never shared.
    private final class Start {
        let name: String
        let body: () -> Void
        let finished: Finished

        init(name: String, body: @escaping () -> Void, finished: Finished) {
            self.name = name
            self.body = body
            self.finished = finished
        }
    }

    /// Names the calling thread. glibc's `pthread_setname_np` is declared only under
    /// `_GNU_SOURCE`, so Swift's Glibc module lacks it: it is looked up at run time.
    private static func setCurrentThreadName(_ name: String) {
        typealias SetName = @convention(c) (pthread_t, UnsafePointer<CChar>?) -> Int32
        // RTLD_DEFAULT, a cast macro Swift does not import, is the null handle.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_setname_np") else { return }
        let setName = unsafeBitCast(symbol, to: SetName.self)
        _ = setName(pthread_self(), String(decoding: name.utf8.prefix(15), as: UTF8.self))
    }
}

/// `pthread_create` failed: which thread, and the system's reason.
public struct ThreadStartError: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var errorNumber: Int32

    public var description: String { "cannot start thread '\(name)': \(String(cString: strerror(errorNumber)))" }
}
