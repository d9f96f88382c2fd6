import Glibc

extension MqttClientConfiguration {
    /// Reads a broker password from the file at `path`, so the password need not sit in the
    /// gateway configuration (point at a file only root or the service user can read).
    ///
    /// The whole file is the password, except that one trailing line ending (`\n` or `\r\n`) is
    /// removed, since editors and `echo` add one; any other whitespace is kept.
    ///
    /// - Throws: ``MqttPasswordFileError`` naming the path when the file is missing, unreadable,
    ///   not a regular file, or holds no password.
    public static func readPasswordFile(_ path: String) throws(MqttPasswordFileError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw MqttPasswordFileError(path: path, errno: errno) }
        defer { close(descriptor) }

        var information = stat()
        guard fstat(descriptor, &information) == 0 else { throw MqttPasswordFileError(path: path, errno: errno) }
        guard information.st_mode & S_IFMT == S_IFREG else {
            throw MqttPasswordFileError(path: path, problem: "it is not a regular file")
        }
        guard information.st_size <= maximumPasswordFileSize else {
            throw MqttPasswordFileError(path: path, problem: "it is larger than \(maximumPasswordFileSize) bytes")
        }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw MqttPasswordFileError(path: path, errno: errno)
            }
            if count == 0 { break }
            bytes += chunk[..<count]
            guard bytes.count <= maximumPasswordFileSize else {
                throw MqttPasswordFileError(path: path, problem: "it is larger than \(maximumPasswordFileSize) bytes")
            }
        }

        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        }
        guard !bytes.isEmpty else { throw MqttPasswordFileError(path: path, problem: "it is empty") }
        guard let password = String(validating: bytes, as: UTF8.self) else {
            throw MqttPasswordFileError(path: path, problem: "it is not UTF-8 text")
        }
        return password
    }

    /// More than this is certainly not a password file (and not worth reading into memory).
    static let maximumPasswordFileSize = 64 * 1024
}
