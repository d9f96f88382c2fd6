import Glibc

/// Reads a whole file — a state file, a TZif zone, `/proc/self/smaps` (whose size `stat` reports
/// as 0) — into memory with `open` and `read`, retrying interrupted reads.
///
/// ```swift
/// guard let bytes = try FileBytes.read("/usr/share/zoneinfo/UTC") else { return nil }  // nil: no such file
/// ```
public enum FileBytes {
    /// A system call that failed, with its `errno`.
    public struct Failure: Error, Sendable {
        /// `open` or `read`.
        public var operation: String
        public var path: String
        public var errorNumber: Int32
    }

    /// The file's bytes; `nil` when it does not exist.
    ///
    /// - Parameter limit: the most bytes to accept; a longer file fails as an `EFBIG` read.
    public static func read(_ path: String, limit: Int = .max) throws(Failure) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw Failure(operation: "open", path: path, errorNumber: errno)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "read", path: path, errorNumber: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > limit { throw Failure(operation: "read", path: path, errorNumber: EFBIG) }
        }
    }
}
