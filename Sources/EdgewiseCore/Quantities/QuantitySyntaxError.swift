/// Why a duration, size or unit written in a config file could not be read.
///
/// `message` says what is wrong with the text; `hint` shows a corrected form when one is obvious.
public struct QuantitySyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
