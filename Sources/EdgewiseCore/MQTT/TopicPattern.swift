/// The `topic:` of an MQTT device: a topic filter whose levels may capture the device or point name.
///
/// ```
/// sensors/greenhouse/air      one device, all points from each message
/// sensors/+/air               any second level; `+` and `#` match as in MQTT
/// sensors/{device}/climate    one file for many devices; the level names the device
/// sensors/{device}/{point}    ...and the last level names the point, the payload is its value
/// ```
/// A capture matches one whole level, like `+`; the broker subscription is the topic with each
/// capture replaced by `+`.
public struct TopicPattern: Hashable, Sendable, CustomStringConvertible {
    public enum Level: Hashable, Sendable {
        case literal(String)
        case singleLevelWildcard
        case multiLevelWildcard
        case device
        case point
    }

    public let levels: [Level]
    public let text: String

    /// What a topic that matches the pattern captured.
    public struct Match: Hashable, Sendable {
        public var device: String?
        public var point: String?
    }

    /// Parses a `topic:` value.
    ///
    /// - Throws: `QuantitySyntaxError` for misplaced wildcards, unknown placeholders or a capture used twice.
    public static func parse(_ text: String) throws(QuantitySyntaxError) -> TopicPattern {
        guard !text.isEmpty else { throw QuantitySyntaxError("the topic is empty") }
        if text.contains(" ") || text.contains("\u{0}") {
            throw QuantitySyntaxError("topic '\(text)' contains a space or a NUL character")
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        var levels: [Level] = []
        for (index, part) in parts.enumerated() {
            switch part {
            case "#":
                guard index == parts.count - 1 else {
                    throw QuantitySyntaxError("topic '\(text)' uses '#' before the last level", hint: "'#' matches everything below it, so it must come last, e.g. 'sensors/#'")
                }
                levels.append(.multiLevelWildcard)
            case "+": levels.append(.singleLevelWildcard)
            case "{device}", "{point}":
                let level: Level = part == "{device}" ? .device : .point
                guard !levels.contains(level) else { throw QuantitySyntaxError("topic '\(text)' uses \(part) twice") }
                levels.append(level)
            default:
                if part.contains("#") || part.contains("+") {
                    throw QuantitySyntaxError("topic '\(text)' uses a wildcard inside a level", hint: "'+' and '#' must be a whole level, e.g. 'sensors/+/air'")
                }
                if part.contains("{") || part.contains("}") {
                    throw QuantitySyntaxError("topic '\(text)' has an unknown placeholder '\(part)'", hint: "a level may be {device} or {point}")
                }
                levels.append(.literal(String(part)))
            }
        }
        return TopicPattern(levels: levels, text: text)
    }

    /// The topic filter to subscribe to: captures become `+`.
    public var subscriptionFilter: String {
        levels.map { level in
            switch level {
            case .literal(let text): text
            case .singleLevelWildcard, .device, .point: "+"
            case .multiLevelWildcard: "#"
            }
        }.joined(separator: "/")
    }

    public var capturesDevice: Bool { levels.contains(.device) }
    public var capturesPoint: Bool { levels.contains(.point) }

    /// The pattern with `{device}` replaced by a fixed name (for the listed `instances` of a template file).
    public func fixingDevice(_ name: String) -> TopicPattern {
        let fixed = levels.map { $0 == .device ? .literal(name) : $0 }
        return TopicPattern(levels: fixed, text: text.replacingPlaceholder("{device}", with: name))
    }

    /// Matches `topic` (as received, no wildcards) against the pattern.
    ///
    /// Topics starting with `$` (broker-internal, such as `$SYS/...`) never match a pattern that
    /// starts with a wildcard or capture, as MQTT specifies.
    public func match(_ topic: String) -> Match? {
        var match = Match()
        var levelIndex = 0
        var rest = Substring(topic)
        if topic.hasPrefix("$"), let first = levels.first, first != .literal(String(topic.prefix { $0 != "/" })) {
            return nil
        }
        while true {
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            let part = rest[..<end]
            guard levelIndex < levels.count else { return nil }
            switch levels[levelIndex] {
            case .multiLevelWildcard: return match
            case .literal(let text): guard part == text else { return nil }
            case .singleLevelWildcard: break
            case .device:
                guard !part.isEmpty else { return nil }
                match.device = String(part)
            case .point:
                guard !part.isEmpty else { return nil }
                match.point = String(part)
            }
            levelIndex += 1
            guard end < rest.endIndex else { break }
            rest = rest[rest.index(after: end)...]
        }
        if levelIndex == levels.count { return match }
        // "sensors/#" also matches "sensors" itself.
        if levelIndex == levels.count - 1, levels[levelIndex] == .multiLevelWildcard { return match }
        return nil
    }

    public var description: String { text }
}

extension String {
    /// Every `placeholder` (ASCII, such as `{device}`) replaced with `value`.
    ///
    /// Compares UTF-8 bytes: `firstRange(of:)` costs about 40 times as much, and this runs for
    /// messages on templated topics.
    func replacingPlaceholder(_ placeholder: String, with value: String) -> String {
        let pattern = placeholder.utf8
        guard let first = pattern.first else { return self }
        let bytes = utf8
        var result = ""
        var copiedUpTo = bytes.startIndex
        var index = bytes.startIndex
        while let found = bytes[index...].firstIndex(of: first) {
            guard bytes[found...].starts(with: pattern) else {
                index = bytes.index(after: found)
                continue
            }
            // `found` is on a character boundary: the placeholder starts with an ASCII byte.
            result += self[copiedUpTo..<found]
            result += value
            index = bytes.index(found, offsetBy: pattern.count)
            copiedUpTo = index
        }
        guard copiedUpTo != bytes.startIndex else { return self }
        result += self[copiedUpTo...]
        return result
    }
}
