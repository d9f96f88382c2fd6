/// A value as found in a payload, before it is read as the point's type.
enum RawPayloadValue {
    /// A field of a JSON payload.
    case json(JSONValue)
    /// The whole payload (a point without `json:`): `21.5`, `on`, `open`.
    case bytes([UInt8])

    /// The value as the point's kind, or why it is not one.
    ///
    /// Numbers accept JSON numbers and text that is a number (`"21.5"`, as some firmware sends);
    /// booleans accept `true`/`false`, `on`/`off`, `yes`/`no` and `1`/`0`; text accepts anything
    /// scalar. NaN and infinities are rejected as `notFinite`.
    func typed(as kind: ValueKind) -> Result<ReadingValue, NormalizationFailure> {
        switch self {
        case .json(let value):
            return Self.typed(value, as: kind)
        case .bytes(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .failure(NormalizationFailure(reason: .wrongType, detail: "the payload is not UTF-8 text"))
            }
            return Self.typed(text: text.trimmingWhitespace(), as: kind)
        }
    }

    static func typed(_ value: JSONValue, as kind: ValueKind) -> Result<ReadingValue, NormalizationFailure> {
        switch (value, kind) {
        case (.number(let number), .number): return .success(.number(number))
        case (.bool(let flag), .boolean): return .success(.boolean(flag))
        case (.string(let text), .string): return .success(.text(text))
        case (.string(let text), _): return typed(text: text, as: kind)
        case (.number(let number), .boolean) where number == 0 || number == 1: return .success(.boolean(number == 1))
        case (.number(let number), .string): return .success(.text(Normalizer.format(number)))
        case (.bool(let flag), .string): return .success(.text(flag ? "true" : "false"))
        default: return .failure(wrongType(kind, found: describe(value)))
        }
    }

    static func typed(text: String, as kind: ValueKind) -> Result<ReadingValue, NormalizationFailure> {
        switch kind {
        case .string:
            return .success(.text(text))
        case .number:
            guard let number = Double(text) else { return .failure(wrongType(kind, found: "text '\(text.prefix(40))'")) }
            guard number.isFinite else { return .failure(NormalizationFailure(reason: .notFinite, detail: "the value is \(text)")) }
            return .success(.number(number))
        case .boolean:
            switch text.lowercased() {
            case "true", "on", "yes", "1": return .success(.boolean(true))
            case "false", "off", "no", "0": return .success(.boolean(false))
            default: return .failure(wrongType(kind, found: "text '\(text.prefix(40))'"))
            }
        }
    }

    static func wrongType(_ kind: ValueKind, found: String) -> NormalizationFailure {
        let expected = switch kind {
        case .number: "a number"
        case .boolean: "true or false"
        case .string: "text"
        }
        return NormalizationFailure(reason: .wrongType, detail: "expected \(expected), found \(found)")
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): Normalizer.format(number)
        case .string(let text): "text '\(text.prefix(40))'"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
