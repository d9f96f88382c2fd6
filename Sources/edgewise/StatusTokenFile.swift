#if canImport(Glibc)
import Glibc
#endif

/// Reads the bearer token for `edgewise status --token-file`, as the gateway reads
/// `status.token_file`: the file holds the token alone, whitespace around it is ignored.
enum StatusTokenFile {
    /// The largest file read; a token is at most 4096 characters.
    static let maximumSize = 8_192

    /// The token in `path`.
    ///
    /// - Throws: a message naming the path and the reason (`No such file or directory`, empty).
    static func read(_ path: String) throws(StatusTokenFileError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StatusTokenFileError("cannot open the token file \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1_024)
        while contents.count <= maximumSize {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StatusTokenFileError("cannot read the token file \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            contents += chunk[..<count]
        }
        let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
        let token = contents.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
        guard !token.isEmpty else { throw StatusTokenFileError("the token file \(path) is empty") }
        return String(decoding: token, as: UTF8.self)
    }
}

/// Why the token file cannot be used.
struct StatusTokenFileError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
