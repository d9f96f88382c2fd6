import Glibc

/// File-system steps around the queue file, before SQLite opens it and when it is damaged.
enum QueueFile {
    /// The directory holding `path` (`.` for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// Makes sure the queue can live at `path`: its directory exists (created, mode 0750, if
    /// missing) and the gateway may create files there (SQLite adds `-wal` and `-shm` beside the
    /// database).
    static func requireWritable(_ path: String) throws(DurableQueueError) {
        let directory = directory(of: path)
        var info = stat()
        if stat(directory, &info) != 0 {
            if errno != ENOENT { throw notWritable(directory, errno, isDirectory: true) }
            try makeDirectories(directory)
        } else if info.st_mode & S_IFMT != S_IFDIR {
            throw DurableQueueError(
                kind: .cannotOpen, path: directory,
                reason: "cannot keep the event buffer in \(directory): it is not a directory",
                advice: "set buffer.path to a file in a directory")
        }
        if access(directory, W_OK | X_OK) != 0 { throw notWritable(directory, errno, isDirectory: true) }
    }

    /// Why the queue file, or its log or shared-memory index beside it, exists but cannot be read
    /// and written (say, it belongs to another user); `nil` when there is no such problem.
    static func accessProblem(_ path: String) -> String? {
        for file in [path, path + "-wal", path + "-shm"] where access(file, F_OK) == 0 {
            if access(file, R_OK | W_OK) != 0 {
                return "cannot read and write \(file): \(String(cString: strerror(errno)))"
            }
        }
        return nil
    }

    /// The error for a directory or file the gateway may not write.
    static func notWritable(_ path: String, _ error: Int32, isDirectory: Bool) -> DurableQueueError {
        let what = isDirectory ? "the event buffer's directory" : "the event buffer"
        return DurableQueueError(
            kind: .notWritable, path: path,
            reason: "cannot write \(what) \(path): \(String(cString: strerror(error)))",
            advice: "make it writable for the gateway's user (under systemd: StateDirectory=edgewise), "
                + "or set buffer.path to a file in a writable directory")
    }

    private static func makeDirectories(_ path: String) throws(DurableQueueError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o750) != 0, errno != EEXIST { throw notWritable(current, errno, isDirectory: true) }
        }
    }

    /// Moves a damaged queue file aside as `PATH.corrupt-EPOCHSECONDS` (with `-N` added if that
    /// name is taken), together with its write-ahead log (`-wal`) or rollback journal, and removes its shared-memory
    /// index (`-shm`, rebuilt by SQLite). Returns the new name, or `nil` when the file could not be
    /// renamed.
    static func moveAside(_ path: String) -> String? {
        let stamp = "\(path).corrupt-\(time(nil))"
        var target = stamp
        var attempt = 1
        while access(target, F_OK) == 0 {
            attempt += 1
            target = "\(stamp)-\(attempt)"
        }
        guard rename(path, target) == 0 else { return nil }
        for companion in ["-wal", "-journal"] where access(path + companion, F_OK) == 0 {
            _ = rename(path + companion, target + companion)
        }
        unlink(path + "-shm")
        return target
    }

    /// The size of the file at `path`; 0 when there is none.
    static func size(of path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}
