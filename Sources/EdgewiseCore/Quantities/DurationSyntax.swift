/// Reads and writes durations as config files spell them: `500ms`, `90s`, `2m`, `1h30m`, `1.5s`, `1d`.
///
/// Every duration in Edgewise (poll intervals, `for:`, `min_on`, `stale_after`, rule windows) goes
/// through here, so the accepted spellings are the same everywhere. Units are `ms`, `s`, `m`, `h`
/// and `d`; several parts may follow each other from largest to smallest unit (`2m10s`). A bare
/// number is rejected rather than guessed: `90` could mean seconds or milliseconds.
public enum DurationSyntax {
    /// The units in the order they must appear, with their length in milliseconds.
    static let units: [(symbol: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]

    /// Spellings people try that are not accepted, with the one to use instead.
    static let alternatives: [String: String] = [
        "sec": "s", "secs": "s", "second": "s", "seconds": "s",
        "min": "m", "mins": "m", "minute": "m", "minutes": "m",
        "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
        "day": "d", "days": "d", "msec": "ms", "millis": "ms", "milliseconds": "ms",
    ]

    /// Parses `text` into a duration.
    ///
    /// - Throws: `QuantitySyntaxError` naming the problem, with a corrected spelling as hint when
    ///   the intent is clear (`90` → `90s`, `2min` → `2m`).
    public static func parse(_ text: String) throws(QuantitySyntaxError) -> Duration {
        do {
            return try parseStrictly(text)
        } catch {
            // "2 minutes", "1.5 sec": suggest the spelling that means the same, when there is one.
            let respelled = respell(text)
            if respelled != text, (try? parseStrictly(respelled)) != nil {
                throw QuantitySyntaxError(error.message, hint: "write '\(respelled)'")
            }
            throw error
        }
    }

    /// `text` without spaces and with long unit names replaced by their symbols.
    static func respell(_ text: String) -> String {
        var result = ""
        var word = ""
        func flush() {
            result += alternatives[word.lowercased()] ?? word
            word = ""
        }
        for character in text where character != " " {
            if character.isLetter { word.append(character) } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    static func parseStrictly(_ text: String) throws(QuantitySyntaxError) -> Duration {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw QuantitySyntaxError("empty duration", hint: "write a number with a unit, e.g. '30s' or '2m'")
        }
        if trimmed.hasPrefix("-") {
            throw QuantitySyntaxError("duration '\(text)' is negative", hint: "durations are zero or more, e.g. '0s'")
        }
        var total: Int64 = 0
        var rest = Substring(trimmed)
        var lastUnitIndex = -1
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCIIDigit || $0 == "." }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unitText.count)
            guard !number.isEmpty, let value = Double(number) else {
                throw QuantitySyntaxError("'\(text)' is not a duration", hint: "write a number with a unit, e.g. '30s', '2m' or '1h30m'")
            }
            if unitText.isEmpty {
                if rest.isEmpty && lastUnitIndex < 0 {
                    throw QuantitySyntaxError("duration '\(text)' has no unit", hint: "write '\(number)s' for seconds or '\(number)ms' for milliseconds")
                }
                throw QuantitySyntaxError("'\(text)' is not a duration", hint: "write a number with a unit, e.g. '30s', '2m' or '1h30m'")
            }
            guard let unitIndex = units.firstIndex(where: { $0.symbol == unitText }) else {
                let hint = alternatives[unitText.lowercased()].map { "write '\(number)\($0)'" }
                    ?? "use one of the units ms, s, m, h, d"
                throw QuantitySyntaxError("unknown duration unit '\(unitText)' in '\(text)'", hint: hint)
            }
            guard unitIndex > lastUnitIndex else {
                throw QuantitySyntaxError("duration '\(text)' lists its units out of order", hint: "write the larger units first, e.g. '1h30m' or '2m10s'")
            }
            lastUnitIndex = unitIndex
            let milliseconds = value * Double(units[unitIndex].milliseconds)
            guard milliseconds < 1e15 else {
                throw QuantitySyntaxError("duration '\(text)' is too long")
            }
            total += Int64(milliseconds.rounded())
        }
        return .milliseconds(total)
    }

    /// The shortest spelling of `duration` that `parse` reads back exactly, e.g. `2m10s`.
    public static func format(_ duration: Duration) -> String {
        var milliseconds = duration.totalMilliseconds
        if milliseconds == 0 { return "0s" }
        var text = milliseconds < 0 ? "-" : ""
        milliseconds = abs(milliseconds)
        for unit in units where milliseconds >= unit.milliseconds {
            text += "\(milliseconds / unit.milliseconds)\(unit.symbol)"
            milliseconds %= unit.milliseconds
        }
        return text
    }
}

extension Duration {
    /// Whole milliseconds in this duration, rounded toward zero.
    public var totalMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines (no Foundation needed).
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
