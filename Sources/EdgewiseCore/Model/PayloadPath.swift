/// Where a value sits inside a JSON payload, written JSONPath-style: `$.temp`, `$.sensors[0].value`,
/// `$['odd key']`.
///
/// Only plain member and index steps are supported; filters and wildcards are not, because a point
/// is one value.
public struct PayloadPath: Hashable, Sendable, CustomStringConvertible {
    public enum Step: Hashable, Sendable {
        case member(String)
        case index(Int)
    }

    public let steps: [Step]
    public let text: String

    /// Parses `text`.
    ///
    /// - Throws: `QuantitySyntaxError` naming the character that does not fit.
    public static func parse(_ text: String) throws(QuantitySyntaxError) -> PayloadPath {
        var characters = Substring(text)
        guard characters.first == "$" else {
            throw QuantitySyntaxError("JSON path '\(text)' must start with '$'", hint: "write '$.\(text)' for a top-level field")
        }
        characters = characters.dropFirst()
        var steps: [Step] = []
        let isNameCharacter: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        while let next = characters.first {
            if next == "." {
                let name = characters.dropFirst().prefix(while: isNameCharacter)
                guard !name.isEmpty else {
                    throw QuantitySyntaxError("JSON path '\(text)' has an empty member name after '.'", hint: "for names with other characters write ['name']")
                }
                steps.append(.member(String(name)))
                characters = characters.dropFirst(1 + name.count)
            } else if next == "[" {
                guard let close = characters.firstIndex(of: "]") else {
                    throw QuantitySyntaxError("JSON path '\(text)' has an unclosed '['")
                }
                let inside = characters[characters.index(after: characters.startIndex)..<close]
                if let index = Int(inside), index >= 0 {
                    steps.append(.index(index))
                } else if inside.count >= 2, let quote = inside.first, quote == "'" || quote == "\"", inside.last == quote {
                    steps.append(.member(String(inside.dropFirst().dropLast())))
                } else {
                    throw QuantitySyntaxError("'[\(inside)]' in JSON path '\(text)' is neither an index nor a quoted name", hint: "write [0] or ['name']")
                }
                characters = characters[characters.index(after: close)...]
            } else {
                throw QuantitySyntaxError("unexpected '\(next)' in JSON path '\(text)'", hint: "steps are .name, [0] or ['name']")
            }
        }
        return PayloadPath(steps: steps, text: text)
    }

    public var description: String { text }
}
