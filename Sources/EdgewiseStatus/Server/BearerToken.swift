#if canImport(Glibc)
import Glibc

private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin

private let systemRead = Darwin.read
#endif

/// The secret a client must present as `Authorization: Bearer TOKEN`, read from `status.token_file`.
///
/// The file holds the token alone; surrounding whitespace (the editor's final newline) is ignored.
/// A token is 1 to 4096 visible ASCII characters without spaces, as RFC 6750's `b64token` and
/// most tools that generate one (`openssl rand -hex 32`) produce.
struct BearerToken: Sendable {
    let bytes: [UInt8]

    /// The largest token file read.
    static let maximumLength = 4_096

    /// What a request's `Authorization` header amounts to.
    enum Verdict: Equatable {
        case accepted
        /// No `Authorization: Bearer …` header at all.
        case missing
        /// A bearer token that is not this one.
        case wrong
    }

    init(_ text: String) throws(StatusServerError) {
        let trimmed = text.utf8.drop(while: Self.isWhitespace).reversed().drop(while: Self.isWhitespace).reversed()
        guard !trimmed.isEmpty else { throw StatusServerError("the token is empty") }
        guard trimmed.count <= Self.maximumLength else {
            throw StatusServerError("the token is longer than \(Self.maximumLength) characters")
        }
        guard trimmed.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw StatusServerError("the token has spaces or characters other than visible ASCII")
        }
        bytes = Array(trimmed)
    }

    /// Reads the token from `path`.
    ///
    /// - Throws: ``StatusServerError`` naming `status.token_file` and the path when the file cannot
    ///   be opened or read or does not hold a usable token.
    static func read(from path: String) throws(StatusServerError) -> BearerToken {
        let hint = "status.token_file must name a readable file holding the token, e.g. made with 'openssl rand -hex 32 > FILE'"
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StatusServerError("status.token_file: cannot open \(path): \(errorText(errno))", hint: hint) }
        defer { close(fd) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1_024)
        while contents.count <= maximumLength + 64 {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StatusServerError("status.token_file: cannot read \(path): \(errorText(errno))", hint: hint)
            }
            if count == 0 { break }
            contents += chunk[..<count]
        }
        do {
            return try BearerToken(String(decoding: contents, as: UTF8.self))
        } catch {
            throw StatusServerError("status.token_file: \(path): \(error.message)", hint: hint)
        }
    }

    /// Whether users other than the file's owner and group may read the file at `path` (so may
    /// read the token); `false` when it cannot be examined.
    static func isReadableByOthers(_ path: String) -> Bool {
        var information = stat()
        guard stat(path, &information) == 0 else { return false }
        return information.st_mode & S_IROTH != 0
    }

    /// Whether `authorization` (the header's value, if any) carries this token. The comparison
    /// takes the same time whatever the presented token is, so its timing tells nothing about how
    /// much of it was right.
    func check(authorization: String?) -> Verdict {
        guard let authorization else { return .missing }
        let value = Array(authorization.utf8)
        // The scheme is case-insensitive (RFC 9110 §11.1), followed by one or more spaces.
        let scheme = Array("bearer".utf8)
        guard value.count > scheme.count, zip(value, scheme).allSatisfy({ $0 | 0x20 == $1 }) else { return .missing }
        guard value[scheme.count] == 0x20 else { return .missing }
        let presented = value[(scheme.count + 1)...].drop(while: { $0 == 0x20 })
        return Self.constantTimeEquals(Array(presented), bytes) ? .accepted : .wrong
    }

    /// Compares in time that depends only on `expected.count`: every byte of `expected` is looked
    /// at, whatever `presented` is and wherever the first difference lies.
    static func constantTimeEquals(_ presented: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference: UInt8 = presented.count == expected.count ? 0 : 1
        for index in expected.indices {
            let byte = index < presented.count ? presented[index] : 0
            difference |= byte ^ expected[index]
        }
        return difference == 0
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
}
