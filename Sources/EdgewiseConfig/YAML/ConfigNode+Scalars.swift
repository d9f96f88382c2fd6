import EdgewiseCore

/// Typed readers for scalar values. Durations, sizes and units are delegated to the core's
/// parsers (`DurationSyntax`, `ByteSize`, `UnitCatalog`) so they are spelled the same everywhere.
extension ConfigNode {
    func string() -> String? {
        guard let text = scalarText, !isNull else { return typeMismatch("text") }
        return text
    }

    /// A non-empty string.
    func nonEmptyString() -> String? {
        guard let text = string() else { return nil }
        guard !text.trimmingCharactersOfWhitespace().isEmpty else {
            error("\(name) must not be empty")
            return nil
        }
        return text
    }

    func integer(in range: ClosedRange<Int>? = nil) -> Int? {
        guard let text = scalarText, !isNull, let value = Self.parseInteger(text) else {
            return typeMismatch("a whole number")
        }
        if let range, !range.contains(value) {
            error("\(name) must be between \(range.lowerBound) and \(range.upperBound), but is \(value)")
            return nil
        }
        return value
    }

    func number() -> Double? {
        guard let text = scalarText, !isNull, let value = Self.parseNumber(text) else {
            return typeMismatch("a number")
        }
        return value
    }

    func boolean() -> Bool? {
        switch scalarText?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return typeMismatch("true or false")
        }
    }

    func duration() -> Duration? {
        guard let text = scalarText, !isNull else { return typeMismatch("a duration such as '30s' or '2m'") }
        do {
            return try DurationSyntax.parse(text)
        } catch {
            self.error("\(name): \(error.message)", hint: error.hint)
            return nil
        }
    }

    /// A duration no shorter than `minimum`.
    func duration(atLeast minimum: Duration) -> Duration? {
        guard let value = duration() else { return nil }
        guard value >= minimum else {
            error("\(name) must be at least \(DurationSyntax.format(minimum)), but is \(DurationSyntax.format(value))")
            return nil
        }
        return value
    }

    func byteSize() -> ByteSize? {
        guard let text = scalarText, !isNull else { return typeMismatch("a size such as '256MB'") }
        do {
            return try ByteSize.parse(text)
        } catch {
            self.error("\(name): \(error.message)", hint: error.hint)
            return nil
        }
    }

    func unit() -> MeasurementUnit? {
        guard let text = string() else { return nil }
        do {
            return try UnitCatalog.unit(text)
        } catch {
            self.error(error.message, hint: error.hint)
            return nil
        }
    }

    /// One of a fixed set of words, e.g. `on_unknown: clear`.
    func choice<Choice: RawRepresentable & CaseIterable>(_ type: Choice.Type = Choice.self) -> Choice? where Choice.RawValue == String {
        guard let text = string() else { return nil }
        if let value = Choice(rawValue: text) { return value }
        let allowed = Choice.allCases.map(\.rawValue)
        let hint = SpellingSuggestion.closest(to: text, among: allowed).map { "did you mean '\($0)'?" }
        error("\(name) must be one of \(allowed.map { "'\($0)'" }.joined(separator: ", ")), but is '\(text)'", hint: hint)
        return nil
    }

    /// Reads a value with a core parser that throws `QuantitySyntaxError`.
    func parsed<Value>(_ parse: (String) throws(QuantitySyntaxError) -> Value) -> Value? {
        guard let text = string() else { return nil }
        do {
            return try parse(text)
        } catch {
            self.error("\(name): \(error.message)", hint: error.hint)
            return nil
        }
    }

    /// Decimal integers, and hexadecimal with `0x` (Modbus documentation lists addresses in hex).
    static func parseInteger(_ text: String) -> Int? {
        let cleaned = text.replacingUnderscores()
        if cleaned.hasPrefix("0x") || cleaned.hasPrefix("0X") { return Int(cleaned.dropFirst(2), radix: 16) }
        return Int(cleaned)
    }

    static func parseNumber(_ text: String) -> Double? {
        if let integer = parseInteger(text) { return Double(integer) }
        guard let value = Double(text.replacingUnderscores()), value.isFinite else { return nil }
        return value
    }
}

extension String {
    func replacingUnderscores() -> String { filter { $0 != "_" } }

    func trimmingCharactersOfWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...lastIndex(where: { !isSpace($0) })!]
    }
}
