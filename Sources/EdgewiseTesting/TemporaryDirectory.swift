import Glibc
import Synchronization

/// A fresh, uniquely named directory under the system's temporary directory (`$TMPDIR`, else
/// `/tmp`), removed with everything in it when the value is released or ``remove()`` is called.
///
/// Use it for files a test writes: config directories, broker configs, databases. Keep a
/// reference for as long as the files are needed; the directory goes away with the last one.
public final class TemporaryDirectory: Sendable {
    /// The directory's absolute path.
    public let path: String
    private let isRemoved = Mutex(false)

    /// Creates a new empty directory named `<prefix>-XXXXXX` (the `X`s made unique by `mkdtemp`).
    public init(prefix: String = "edgewise-test") throws {
        let parent = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let template = "\(parent)/\(prefix)-XXXXXX"
        var buffer = Array(template.utf8CString)
        let created = buffer.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!).map { String(cString: $0) } }
        guard let created else { throw SystemCallError(function: "mkdtemp", subject: template, errno: errno) }
        path = created
    }

    /// Writes `contents` as UTF-8 to `relativePath` inside the directory, creating missing
    /// intermediate directories and replacing an existing file; returns the file's absolute path.
    @discardableResult
    public func write(_ contents: String, to relativePath: String) throws -> String {
        precondition(!relativePath.isEmpty && !relativePath.hasPrefix("/"), "'\(relativePath)' is not a relative path")
        precondition(!relativePath.split(separator: "/").contains(".."), "'\(relativePath)' leaves the directory")
        let file = path + "/" + relativePath
        if let slash = relativePath.lastIndex(of: "/") {
            try FileSystem.makeDirectories(path + "/" + relativePath[..<slash])
        }
        try FileSystem.write(contents, to: file)
        return file
    }

    /// Deletes the directory and everything in it now; later calls (and `deinit`) do nothing.
    public func remove() throws {
        let wasRemoved = isRemoved.withLock { isRemoved in
            defer { isRemoved = true }
            return isRemoved
        }
        if !wasRemoved { try FileSystem.removeTree(path) }
    }

    deinit {
        try? remove()
    }
}
