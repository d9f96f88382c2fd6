/// Why the status server cannot start: its token file cannot be used, or its address cannot be
/// listened on. The message names the config key and the file or address, for the startup log.
public struct StatusServerError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message)\n    hint: \($0)" } ?? message }
}
