import EdgewiseSystem
#if canImport(Glibc)
import Glibc
#endif

/// Reads and replaces small files so that a crash or power cut leaves either the old or the new
/// contents, never a torn mix: write to `NAME.tmp`, fsync, rename over `NAME`, fsync the directory.
enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        var operation: String
        var path: String
        var errorNumber: Int32
        var description: String { "\(operation) \(path): \(String(cString: strerror(errorNumber)))" }
    }

    /// The file's bytes, or `nil` when it does not exist.
    static func read(_ path: String) throws(Failure) -> [UInt8]? {
        do {
            return try FileBytes.read(path)
        } catch {
            throw Failure(operation: error.operation, path: error.path, errorNumber: error.errorNumber)
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw Failure(operation: "create", path: temporary, errorNumber: errno) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let error = errno
                close(descriptor)
                throw Failure(operation: "write", path: temporary, errorNumber: error)
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            let error = errno
            close(descriptor)
            throw Failure(operation: "fsync", path: temporary, errorNumber: error)
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else { throw Failure(operation: "rename", path: temporary, errorNumber: errno) }
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let directoryDescriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Creates `path` and its parents (mode 0750) if missing.
    static func makeDirectory(_ path: String) throws(Failure) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o750) != 0, errno != EEXIST {
                throw Failure(operation: "create directory", path: current, errorNumber: errno)
            }
        }
    }

    /// Moves a damaged file aside as `NAME.corrupt-EPOCHSECONDS`, returning the new name.
    static func moveAside(_ path: String) -> String? {
        let target = "\(path).corrupt-\(time(nil))"
        return rename(path, target) == 0 ? target : nil
    }
}
