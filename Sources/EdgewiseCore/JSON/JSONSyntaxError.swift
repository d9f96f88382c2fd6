/// Why bytes are not a JSON text: what is wrong, and the byte offset where it was found.
///
/// `message` is short and meant for people (it ends up in `ReadingRejected` events), e.g.
/// `expected ',' or '}' after an object member`; `offset` counts bytes from the start of the input,
/// starting at 0. For an unterminated string the offset is that of its opening quote.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Byte offset of the problem in the input.
    public var offset: Int
    /// What is wrong, in a few words.
    public var message: String

    /// An error saying `message` about the byte at `offset`.
    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The message and offset, e.g. `expected ':' after an object key (at byte 12)`.
    public var description: String { "\(message) (at byte \(offset))" }
}
