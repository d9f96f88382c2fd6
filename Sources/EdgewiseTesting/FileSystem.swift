import Glibc

/// The few file operations the test support needs, on plain paths and without Foundation.
///
/// Public only for reading fixtures; to create files use ``TemporaryDirectory/write(_:to:)``.
public enum FileSystem {
    /// The whole file at `path` (e.g. a fixture's expected output), decoded as UTF-8 with invalid
    /// bytes replaced; throws a ``SystemCallError`` naming the path if it cannot be read.
    public static func read(_ path: String) throws(SystemCallError) -> String {
        let fd = try systemCall("open", subject: path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = try systemCall("read", subject: path) {
                chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            }
            if count == 0 { return String(decoding: bytes, as: UTF8.self) }
            bytes += chunk[..<count]
        }
    }

    /// Replaces the file at `path` with `contents` (mode 0644).
    static func write(_ contents: String, to path: String) throws(SystemCallError) {
        let fd = try systemCall("open", subject: path) {
            open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        defer { close(fd) }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            written += try systemCall("write", subject: path) {
                bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            }
        }
    }

    /// Creates the directory at `path` and any missing parents (like `mkdir -p`).
    static func makeDirectories(_ path: String) throws(SystemCallError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) == -1, errno != EEXIST {
                throw SystemCallError(function: "mkdir", subject: prefix, errno: errno)
            }
        }
    }

    /// Throws unless `path` names a directory (following symbolic links), as a failure of `function`.
    static func requireDirectory(_ path: String, reportingAs function: String) throws(SystemCallError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw SystemCallError(function: function, subject: path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw SystemCallError(function: function, subject: path, errno: ENOTDIR)
        }
    }

    /// Deletes `path` and, if it is a directory, everything in it; symbolic links are removed, not followed.
    static func removeTree(_ path: String) throws(SystemCallError) {
        var info = stat()
        try systemCall("lstat", subject: path) { lstat(path, &info) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            try systemCall("unlink", subject: path) { unlink(path) }
            return
        }
        for name in try entries(of: path) { try removeTree(path + "/" + name) }
        try systemCall("rmdir", subject: path) { rmdir(path) }
    }

    /// The names in the directory at `path`, without `.` and `..`.
    private static func entries(of path: String) throws(SystemCallError) -> [String] {
        guard let directory = opendir(path) else {
            throw SystemCallError(function: "opendir", subject: path, errno: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
