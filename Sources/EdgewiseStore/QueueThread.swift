import Glibc

/// Starts the operating-system thread that owns the queue's SQLite connection: SQLite calls block
/// (on the disk, on `fdatasync`), so they never run on Swift concurrency's small thread pool.
enum QueueThread {
    /// Starts a detached thread named `name` (15 bytes kept; shown by `top -H`) running `body`.
    ///
    /// `body` is `sending`: what it captures (the connection) moves to the new thread and is no
    /// longer reachable from the caller.
    static func start(name: String, _ body: sending @escaping () -> Void) throws(DurableQueueError) {
        let start = Unmanaged.passRetained(Start(name: name, body: body))
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            let start = Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue()
            QueueThread.setCurrentThreadName(start.name)
            start.body()
            return nil
        }, start.toOpaque())
        guard result == 0 else {
            start.release()
            throw DurableQueueError(
                kind: .cannotOpen, path: name, reason: "cannot start the event buffer's thread: \(String(cString: strerror(result)))")
        }
        pthread_detach(thread)
    }

    /// What the new thread runs; handed over through `pthread_create`'s untyped argument.
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
        _ = setName(pthread_self(), String(decoding: name.utf8.prefix(15), as: UTF8.self))
    }
}
