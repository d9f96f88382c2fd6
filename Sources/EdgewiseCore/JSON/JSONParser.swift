/// Reads JSON texts (RFC 8259) into ``JSONValue``s, strictly, straight from UTF-8 bytes.
///
/// Rejected, each with a short ``JSONSyntaxError`` message: trailing commas, single quotes,
/// comments, unquoted keys, leading zeros (`01`), `NaN`/`Infinity`, numbers beyond the range of a
/// `Double` ("number out of range"), invalid UTF-8 and unescaped control characters in strings,
/// `\u` escapes that leave a surrogate unpaired, arrays and objects nested more than
/// ``defaultMaximumDepth`` deep ("nested too deeply"), and anything after the value. A leading
/// UTF-8 byte order mark is skipped, as RFC 8259 §8.1 allows.
///
/// Numbers that underflow (`1e-400`) read as zero. Duplicate object keys are kept (see
/// ``JSONObject``).
public enum JSONParser {
    /// The default limit on nested arrays and objects: deep enough for any sensor payload, shallow
    /// enough that a hostile payload cannot exhaust the stack.
    public static let defaultMaximumDepth = 64

    /// Parses one JSON text from UTF-8 `bytes` (`[UInt8]`, `ArraySlice<UInt8>`,
    /// `UnsafeRawBufferPointer`, `String.UTF8View`, ...).
    ///
    /// Contiguous collections are read in place; others are copied into an array first.
    ///
    /// - Parameter maximumDepth: how many arrays and objects may be nested in one another.
    /// - Throws: ``JSONSyntaxError`` with the byte offset and a short message.
    /// - Precondition: `maximumDepth >= 1`.
    public static func parse(
        _ bytes: some Collection<UInt8>, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONSyntaxError) -> JSONValue {
        let result = bytes.withContiguousStorageIfAvailable { parse(buffer: $0, maximumDepth: maximumDepth) }
            ?? Array(bytes).withUnsafeBufferPointer { parse(buffer: $0, maximumDepth: maximumDepth) }
        return try result.get()
    }

    /// Parses one JSON text; offsets in errors count UTF-8 bytes.
    ///
    /// - Throws: ``JSONSyntaxError`` with the byte offset and a short message.
    /// - Precondition: `maximumDepth >= 1`.
    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        return try text.withUTF8 { parse(buffer: $0, maximumDepth: maximumDepth) }.get()
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>, maximumDepth: Int) -> Result<JSONValue, JSONSyntaxError> {
        precondition(maximumDepth >= 1, "maximumDepth must be at least 1")
        var reader = JSONReader(bytes: buffer, maximumDepth: maximumDepth)
        do {
            return .success(try reader.readDocument())
        } catch {
            return .failure(error)
        }
    }
}
