/// An upstream topic with placeholders, e.g. `edgewise/{gateway}/events/{type}/{device}`.
public struct TopicTemplate: Hashable, Sendable, CustomStringConvertible {
    /// The placeholders a template may use.
    public static let placeholders: Set<String> = ["gateway", "type", "device", "point"]
    public static let `default` = TopicTemplate(unchecked: "edgewise/{gateway}/events/{type}/{device}")

    public let text: String

    init(unchecked text: String) { self.text = text }

    /// Checks that every `{…}` names a known placeholder and that the topic has no MQTT wildcards.
    public static func parse(_ text: String) throws(QuantitySyntaxError) -> TopicTemplate {
        guard !text.isEmpty else { throw QuantitySyntaxError("empty topic") }
        if text.contains("+") || text.contains("#") {
            throw QuantitySyntaxError("topic '\(text)' contains an MQTT wildcard ('+' or '#')", hint: "events are published to a concrete topic; use placeholders such as {device}")
        }
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw QuantitySyntaxError("topic '\(text)' has an unclosed '{'")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard placeholders.contains(name) else {
                let hint = SpellingSuggestion.closest(to: name, among: placeholders).map { "did you mean '{\($0)}'?" }
                    ?? "placeholders are {gateway}, {type}, {device} and {point}"
                throw QuantitySyntaxError("unknown placeholder '{\(name)}' in topic '\(text)'", hint: hint)
            }
            rest = rest[rest.index(after: close)...]
        }
        return TopicTemplate(unchecked: text)
    }

    public var description: String { text }
}
