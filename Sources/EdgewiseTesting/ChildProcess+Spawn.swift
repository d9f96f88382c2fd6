import Glibc
import Synchronization

/// `posix_spawn` plumbing for ``ChildProcess/launch(_:arguments:environment:workingDirectory:)``.
extension ChildProcess {
    /// Signals the child gets default handling for, whatever the test process does with them.
    static let signalsResetToDefault: [Int32] = [
        SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2,
    ]

    /// Held while `posix_spawn` runs and while ``FreePort/loopback()`` has its probe sockets open.
    ///
    /// The spawned child starts with a copy of every open descriptor, close-on-exec ones included,
    /// until it execs. A probe socket copied into it would keep its port bound for a moment after
    /// `loopback()` returned the port, and the peer's `bind` would fail with `EADDRINUSE`
    /// (seen here a few times in 3,000 tries with tests spawning in parallel).
    static let spawnLock = Mutex(())

    /// Starts the program and returns its pid; see `launch` for the meaning of the arguments.
    static func spawn(
        _ executable: String, arguments: [String], environment: [String: String]?, workingDirectory: String?,
        standardOutput: String, standardError: String
    ) throws(SystemCallError) -> pid_t {
        if let workingDirectory {
            // Checked here because a failing chdir in the child reports ENOENT just like a missing program.
            try FileSystem.requireDirectory(workingDirectory, reportingAs: "chdir")
        }
        let searchesPath = !executable.contains("/")
        let path = searchesPath || executable.hasPrefix("/") ? executable : currentDirectory() + "/" + executable

        var actions = posix_spawn_file_actions_t()
        try checkReturnedError("posix_spawn_file_actions_init", posix_spawn_file_actions_init(&actions))
        defer { posix_spawn_file_actions_destroy(&actions) }
        try redirect(&actions, standardOutput: standardOutput, standardError: standardError)
        if let workingDirectory {
            // After the opens, whose paths are absolute, so the order does not matter to them.
            try addChdir(&actions, workingDirectory)
        }

        var attributes = posix_spawnattr_t()
        try checkReturnedError("posix_spawnattr_init", posix_spawnattr_init(&attributes))
        defer { posix_spawnattr_destroy(&attributes) }
        try resetSignals(&attributes)

        var pid = pid_t()
        let argv = [executable] + arguments
        let envp = environment.map { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } }
        func spawn(_ argv: UnsafePointer<UnsafeMutablePointer<CChar>?>, _ envp: UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
            spawnLock.withLock { _ in
                searchesPath
                    ? posix_spawnp(&pid, path, &actions, &attributes, argv, envp)
                    : posix_spawn(&pid, path, &actions, &attributes, argv, envp)
            }
        }
        let result = withCStringArray(argv) { argv in
            guard let envp else { return spawn(argv, environ) }
            return withCStringArray(envp) { envp in spawn(argv, envp) }
        }
        try checkReturnedError(searchesPath ? "posix_spawnp" : "posix_spawn", subject: executable, result)
        return pid
    }

    /// stdin from `/dev/null`, stdout and stderr to the given files, nothing else inherited.
    private static func redirect(
        _ actions: inout posix_spawn_file_actions_t, standardOutput: String, standardError: String
    ) throws(SystemCallError) {
        let function = "posix_spawn_file_actions_addopen"
        try checkReturnedError(function, posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0))
        let flags = O_WRONLY | O_CREAT | O_TRUNC
        try checkReturnedError(function, posix_spawn_file_actions_addopen(&actions, 1, standardOutput, flags, 0o644))
        try checkReturnedError(function, posix_spawn_file_actions_addopen(&actions, 2, standardError, flags, 0o644))
        // Descriptors the test process opened without O_CLOEXEC (a listening socket, a pipe the test
        // runner reads to EOF) must not stay open in a long-lived peer. glibc 2.34+; skipped if absent.
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        if let addCloseFrom = glibcFunction("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self) {
            try checkReturnedError("posix_spawn_file_actions_addclosefrom_np", addCloseFrom(&actions, 3))
        }
    }

    /// Makes the child start in `directory` (glibc 2.29+).
    private static func addChdir(_ actions: inout posix_spawn_file_actions_t, _ directory: String) throws(SystemCallError) {
        let function = "posix_spawn_file_actions_addchdir_np"
        typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
        guard let addChdir = glibcFunction(function, as: AddChdir.self) else {
            throw SystemCallError(function: function, subject: directory, errno: ENOSYS)
        }
        try checkReturnedError(function, subject: directory, addChdir(&actions, directory))
    }

    /// An empty signal mask and default dispositions, applied in the child before `exec`.
    private static func resetSignals(_ attributes: inout posix_spawnattr_t) throws(SystemCallError) {
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        try checkReturnedError("posix_spawnattr_setsigmask", posix_spawnattr_setsigmask(&attributes, &noSignals))
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in signalsResetToDefault { sigaddset(&defaults, signal) }
        try checkReturnedError("posix_spawnattr_setsigdefault", posix_spawnattr_setsigdefault(&attributes, &defaults))
        let flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        try checkReturnedError("posix_spawnattr_setflags", posix_spawnattr_setflags(&attributes, flags))
    }

    /// A glibc function that Swift's Glibc module does not import (it is declared only under
    /// `_GNU_SOURCE`), looked up at run time; `nil` on a C library without it.
    private static func glibcFunction<Function>(_ name: String, as type: Function.Type) -> Function? {
        // RTLD_DEFAULT, a cast macro Swift does not import, is the null handle.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    /// The test process's working directory.
    private static func currentDirectory() -> String {
        guard let buffer = getcwd(nil, 0) else { return "." }
        defer { free(buffer) }
        return String(cString: buffer)
    }

    /// Calls `body` with a NULL-terminated C array of copies of `strings`.
    private static func withCStringArray<Result>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
    ) -> Result {
        let copies = strings.map { strdup($0) } + [nil]
        defer { copies.forEach { free($0) } }
        return copies.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
