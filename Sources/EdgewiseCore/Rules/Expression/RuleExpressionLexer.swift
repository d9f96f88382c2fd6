/// Splits rule expression text into tokens, counting offsets in Unicode scalars.
///
/// Names are `[A-Za-z_][A-Za-z0-9_-]*`, so `room.temp-5` is one reference (to point `temp-5`).
/// Lexing stops at the first character that cannot start a token; that token becomes `.invalid`
/// with an error explaining the usual mistakes (`=`, `&&`, `||`, `!`, `≥`, quotes).
struct RuleExpressionLexer {
    /// More tokens than this is not a rule but a mistake; the cap also bounds recursion depth.
    static let maximumTokenCount = 500

    let scalars: [Unicode.Scalar]
    var position = 0

    /// The tokens of `scalars`, ending with `.end`, or with `.invalid` where lexing stopped.
    static func tokens(in scalars: [Unicode.Scalar]) -> [RuleExpressionToken] {
        var lexer = RuleExpressionLexer(scalars: scalars)
        var tokens: [RuleExpressionToken] = []
        var lastEnd = 0
        while true {
            lexer.skipWhitespace()
            let start = lexer.position
            guard start < scalars.count else {
                tokens.append(RuleExpressionToken(kind: .end, range: lastEnd..<lastEnd))
                return tokens
            }
            if tokens.count == maximumTokenCount {
                let error = RuleExpressionProblem(
                    offset: start, "expression is too long",
                    hint: "a rule expression has at most \(maximumTokenCount) values and operators; split the rule")
                tokens.append(RuleExpressionToken(kind: .invalid(error), range: start..<start))
                return tokens
            }
            let token: RuleExpressionToken
            do throws(RuleExpressionProblem) {
                token = RuleExpressionToken(kind: try lexer.nextKind(), range: start..<lexer.position)
            } catch {
                tokens.append(RuleExpressionToken(kind: .invalid(error), range: start..<start))
                return tokens
            }
            tokens.append(token)
            lastEnd = token.range.upperBound
        }
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    func scalar(at index: Int) -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    private mutating func skipWhitespace() {
        while let next = scalar(at: position), next.properties.isWhitespace { position += 1 }
    }

    /// Reads the token at `position` (not whitespace, not the end) and moves past it.
    private mutating func nextKind() throws(RuleExpressionProblem) -> RuleExpressionToken.Kind {
        let first = scalars[position]
        if Self.isDigit(first) { return try number() }
        if Self.isNameStart(first) { return try word() }
        let start = position
        position += 1
        switch first {
        case "(": return .openParenthesis
        case ")": return .closeParenthesis
        case ",": return .comma
        case "[": return .openBracket
        case "]": return .closeBracket
        case "+": return .operator(.add)
        case "-": return .operator(.subtract)
        case "*": return .operator(.multiply)
        case "/": return .operator(.divide)
        case "<" where consume("="): return .operator(.lessOrEqual)
        case "<" where scalar(at: position) != ">": return .operator(.less)
        case ">" where consume("="): return .operator(.greaterOrEqual)
        case ">": return .operator(.greater)
        case "=" where consume("="): return .operator(.equal)
        case "!" where consume("="): return .operator(.notEqual)
        case "=" where scalar(at: position) != "<" && scalar(at: position) != ">":
            throw RuleExpressionProblem(offset: start, "'=' is not a comparison", hint: "use '==' to compare")
        case "\"", "'", "“", "‘":
            throw RuleExpressionProblem(
                offset: start, "quoted text is not allowed in rule expressions",
                hint: "rules compare numbers and on/off values; string points cannot be used in rule conditions")
        case "." where scalar(at: position).map(Self.isDigit) == true:
            throw RuleExpressionProblem(offset: start, "a number cannot start with '.'", hint: "write a 0 before it, e.g. '0.5'")
        default:
            throw unexpectedCharacter(first, at: start)
        }
    }

    /// Consumes `expected` if it is next.
    private mutating func consume(_ expected: Unicode.Scalar) -> Bool {
        guard scalar(at: position) == expected else { return false }
        position += 1
        return true
    }

    /// `26`, `3.5`, `1e-3`; a quantity like `5m` or `1h30m` when letters follow the digits; or a
    /// clock time like `07:00` when a colon and digits do.
    private mutating func number() throws(RuleExpressionProblem) -> RuleExpressionToken.Kind {
        let start = position
        skipDigits()
        if scalar(at: position) == ":", let next = scalar(at: position + 1), Self.isDigit(next) {
            while scalar(at: position) == ":", let next = scalar(at: position + 1), Self.isDigit(next) {
                position += 1
                skipDigits()
            }
            while let next = scalar(at: position), Self.isNameStart(next) || Self.isDigit(next) { position += 1 }
            return .clockTime(text(start..<position))
        }
        if scalar(at: position) == ".", let next = scalar(at: position + 1), Self.isDigit(next) {
            position += 1
            skipDigits()
        }
        if scalar(at: position) == "e" || scalar(at: position) == "E" {
            let sign = scalar(at: position + 1) == "+" || scalar(at: position + 1) == "-" ? 1 : 0
            if let digit = scalar(at: position + 1 + sign), Self.isDigit(digit) {
                position += 1 + sign
                skipDigits()
            }
        }
        if let next = scalar(at: position), Self.isNameStart(next) {
            while let next = scalar(at: position) {
                let continues =
                    Self.isNameStart(next) || Self.isDigit(next)
                    || (next == "." && scalar(at: position + 1).map(Self.isDigit) == true)
                guard continues else { break }
                position += 1
            }
            return .quantity(text(start..<position))
        }
        let spelling = text(start..<position)
        guard let value = Double(spelling), value.isFinite else {
            throw RuleExpressionProblem(offset: start, "number '\(spelling)' is too large")
        }
        return .number(value)
    }

    private mutating func skipDigits() {
        while let next = scalar(at: position), Self.isDigit(next) { position += 1 }
    }

    /// A keyword, a bare name, or a `device.point` reference.
    private mutating func word() throws(RuleExpressionProblem) -> RuleExpressionToken.Kind {
        let start = position
        let device = try name()
        guard scalar(at: position) == "." else { return Self.keywordOrName(device) }
        position += 1
        guard let next = scalar(at: position), Self.isNameStart(next) else {
            throw RuleExpressionProblem(
                offset: position, "expected a point name after '\(device).'", hint: "a point reference is DEVICE.POINT, e.g. 'room.temp'")
        }
        let point = try name()
        if scalar(at: position) == ".", let next = scalar(at: position + 1), Self.isNameStart(next) {
            while let next = scalar(at: position), next == "." || Self.isNameContinuation(next) { position += 1 }
            let written = text(start..<position)
            var hint = "a point reference is DEVICE.POINT, with exactly one dot"
            if written.unicodeScalars.contains("-") { hint += "; put spaces around '-' to subtract" }
            throw RuleExpressionProblem(offset: start, "'\(written)' is not a point reference", hint: hint)
        }
        return .reference(PointReference(device: device, point: point, range: start..<position))
    }

    /// A name; a letter outside ASCII inside it (`température`) is an error at that letter.
    private mutating func name() throws(RuleExpressionProblem) -> String {
        let start = position
        while let next = scalar(at: position), Self.isNameContinuation(next) { position += 1 }
        if let next = scalar(at: position), Self.isLetterLike(next) {
            throw RuleExpressionProblem(offset: position, "unexpected character \(Self.display(next))", hint: Self.nameSpellingHint)
        }
        return text(start..<position)
    }

    private static func keywordOrName(_ word: String) -> RuleExpressionToken.Kind {
        switch word {
        case "and": .operator(.and)
        case "or": .operator(.or)
        case "not": .not
        case "true", "on": .boolean(true)
        case "false", "off": .boolean(false)
        default: .name(word)
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    static func isNameContinuation(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || isDigit(scalar) || scalar == "-"
    }
}
