#if canImport(Glibc)
import Glibc
#endif

/// Finds executables built by the same `swift build` as the running tests, so end-to-end tests
/// run the real `edgewise` binary.
public enum BuiltProducts {
    /// The directory holding the test bundle, which is also where SwiftPM puts executables.
    public static var directory: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        precondition(length > 0, "cannot read /proc/self/exe")
        let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(path[..<path.lastIndex(of: "/")!])
    }

    /// The path of the built executable `name`.
    ///
    /// - Precondition: it has been built (`swift test` builds every product of the package).
    public static func executable(_ name: String) -> String {
        let path = directory + "/" + name
        precondition(access(path, X_OK) == 0, "\(path) is not built; run the tests with `swift test`, which builds it")
        return path
    }
}
