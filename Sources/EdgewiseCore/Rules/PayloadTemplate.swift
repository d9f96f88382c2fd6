/// Text with placeholders, rendered when an action runs: the payload of a rule's `publish:` and
/// the command payload of an MQTT device's writable point.
///
/// `{rule}` the rule's name, `{time}` the time (RFC 3339), `{value}` the value written (command
/// payloads), and `{device.point}` a point's current value. `{{` and `}}` stand for literal braces,
/// so JSON is written `{{"state": "{value}"}}`.
public struct PayloadTemplate: Hashable, Sendable, CustomStringConvertible {
    /// A piece of the template: literal text or a placeholder's name.
    public enum Part: Hashable, Sendable {
        case text(String)
        case placeholder(String)
    }

    public let text: String
    public let parts: [Part]

    /// The `{device.point}` placeholders, in order.
    public var pointReferences: [String] {
        parts.compactMap { part in
            if case .placeholder(let name) = part, name.contains(".") { return name }
            return nil
        }
    }

    /// Reads `text`, checking that every `{…}` is a placeholder in `allowed` or a `device.point`.
    ///
    /// - Parameter allowed: the plain placeholders this template may use, e.g. `["rule", "time"]`.
    public static func parse(_ text: String, allowed: Set<String>) throws(QuantitySyntaxError) -> PayloadTemplate {
        var parts: [Part] = []
        var literal = ""
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "{" where pending == "{":
                literal.unicodeScalars.append("{")
                pending = scalars.next()
            case "}" where pending == "}":
                literal.unicodeScalars.append("}")
                pending = scalars.next()
            case "}":
                throw QuantitySyntaxError("'\(text)' has a '}' without '{'", hint: "write '}}' for a literal brace")
            case "{":
                var name = ""
                while let next = pending, next != "}" {
                    name.unicodeScalars.append(next)
                    pending = scalars.next()
                }
                guard pending == "}" else {
                    throw QuantitySyntaxError("'\(text)' has an unclosed '{'", hint: "write '{{' for a literal brace")
                }
                pending = scalars.next()
                let parts2 = name.split(separator: ".", omittingEmptySubsequences: false)
                let isPoint = parts2.count == 2 && parts2.allSatisfy { Names.isValidIdentifier(String($0)) }
                guard allowed.contains(name) || isPoint else {
                    let listed = allowed.sorted().map { "{\($0)}" } + ["{device.point}"]
                    throw QuantitySyntaxError("unknown placeholder '{\(name)}' in '\(text)'", hint: "placeholders are \(listed.joined(separator: ", ")); write '{{' for a literal brace")
                }
                if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
                parts.append(.placeholder(name))
            default:
                literal.unicodeScalars.append(scalar)
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return PayloadTemplate(text: text, parts: parts)
    }

    init(text: String, parts: [Part]) {
        self.text = text
        self.parts = parts
    }

    /// The text with each placeholder replaced by `value(name)`; an unknown value renders as `null`.
    public func render(_ value: (String) -> String?) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .placeholder(let name): result += value(name) ?? "null"
            }
        }
        return result
    }

    public var description: String { text }
}
