import Glibc
import Synchronization

/// A dedicated operating-system thread for one bus's blocking libmodbus calls, which must never
/// run on Swift concurrency's small cooperative pool.
///
/// The body is a `sending` closure, so it may own non-`Sendable` state such as the bus's
/// ``ModbusConnection``: the compiler checks that nothing else keeps a reference to it. The
/// body, and what it captured, is released on the thread itself when it returns.
final class ModbusThread: Sendable {
    private let thread: pthread_t
    private let isJoined = Mutex(false)

    private init(thread: pthread_t) {
        self.thread = thread
    }

    /// Starts a thread named `name` (at most 15 bytes are kept; shown by `top -H` and in
    /// `/proc/PID/task/*/comm`) running `body`.
    static func start(name: String, _ body: sending @escaping () -> Void) throws(ModbusError) -> ModbusThread {
        let start = Unmanaged.passRetained(Start(name: name, body: body))
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            let start = Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue()
            ModbusThread.setCurrentThreadName(start.name)
            start.body()
            return nil
        }, start.toOpaque())
        guard result == 0 else {
            start.release()
            throw ModbusError(function: "pthread_create", errorNumber: result, operation: "start the thread of Modbus bus \(name)")
        }
        return ModbusThread(thread: thread)
    }

    /// Waits until the thread has finished; later calls return at once. Blocks, so call it only
    /// when the body is known to be ending; never from the thread itself.
    func join() {
        isJoined.withLock { isJoined in
            guard !isJoined else { return }
            let result = pthread_join(thread, nil)
            precondition(result == 0, "pthread_join failed: \(result)")
            isJoined = true
        }
    }

    /// What the new thread runs; handed over to it, never shared.
    private final class Start {
        let name: String
        let body: () -> Void

        init(name: String, body: @escaping () -> Void) {
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
