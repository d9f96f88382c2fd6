/// The lexer's messages for characters that cannot start a token: operators from other
/// languages (`&&`, `=`, `≥`), units written after numbers, and letters outside ASCII in names.
extension RuleExpressionLexer {
    /// Operators people try from other languages and symbols, with the one to use instead.
    static let foreignOperators: [String: String] = [
        "&&": "and", "&": "and", "||": "or", "|": "or", "!": "not", "<>": "!=", "=<": "<=", "=>": ">=",
        "≤": "<=", "≥": ">=", "≠": "!=", "−": "-", "×": "*", "÷": "/",
    ]

    /// The error for `first`, which cannot start a token, naming the operator meant when it is clear.
    mutating func unexpectedCharacter(_ first: Unicode.Scalar, at start: Int) -> RuleExpressionProblem {
        // Two-character spellings first: `&&` before `&`.
        if scalar(at: position) != nil, let replacement = Self.foreignOperators[text(start..<position + 1)] {
            position += 1
            return RuleExpressionProblem(offset: start, "'\(text(start..<position))' is not an operator", hint: "use '\(replacement)'")
        }
        if let replacement = Self.foreignOperators[String(first)] {
            return RuleExpressionProblem(offset: start, "'\(first)' is not an operator", hint: "use '\(replacement)'")
        }
        let hint: String? =
            if first == "°" || first == "%" {
                "write numbers without units, e.g. '26'"
            } else if Self.isLetterLike(first) {
                Self.nameSpellingHint
            } else {
                nil
            }
        return RuleExpressionProblem(offset: start, "unexpected character \(Self.display(first))", hint: hint)
    }

    /// `'°'`, or `U+200B` for characters that would not show.
    static func display(_ scalar: Unicode.Scalar) -> String {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .nonspacingMark, .enclosingMark, .spacingMark:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        default:
            return "'\(scalar)'"
        }
    }

    static let nameSpellingHint = "names may use only the letters A to Z, digits, '_' and '-'"

    /// Letters, digits and accents outside ASCII, which people may expect in names.
    static func isLetterLike(_ scalar: Unicode.Scalar) -> Bool {
        guard !scalar.isASCII else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber: return true
        default: return scalar.properties.isAlphabetic
        }
    }
}
