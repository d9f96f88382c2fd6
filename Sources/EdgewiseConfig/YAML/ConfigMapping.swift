import EdgewiseCore

/// A YAML mapping read against a schema: each key the decoder asks for is marked as known, and
/// `reportUnknownKeys()` then flags every other key — typos such as `thresold:` never pass silently.
final class ConfigMapping {
    let node: ConfigNode
    /// How messages name the mapping: `point 'temperature'`, `gateway.yaml's 'status'`.
    let context: String
    private(set) var entries: [(key: ConfigNode, value: ConfigNode)] = []
    private var known: [String] = []

    /// Reads `node` as a mapping, or records an error and returns `nil`.
    init?(_ node: ConfigNode, context: String) {
        guard case .mapping(let mapping, _) = node.node else {
            node.error("\(node.name) must be a mapping of keys to values, but is \(node.shape)")
            return nil
        }
        self.node = node
        self.context = context
        for (key, value) in mapping {
            let keyNode = ConfigNode(key, name: "key", file: node.file, diagnostics: node.diagnostics)
            let name = key.scalar?.text ?? ""
            entries.append((keyNode, ConfigNode(value, name: "'\(name)'", file: node.file, diagnostics: node.diagnostics)))
        }
    }

    var location: ConfigLocation { node.location }
    var diagnostics: DiagnosticCollector { node.diagnostics }

    /// The keys in file order.
    var keys: [String] { entries.map { $0.key.scalarText ?? "" } }

    /// The value under `key`, or `nil` when absent or empty. Marks `key` as known.
    func optional(_ key: String) -> ConfigNode? {
        known.append(key)
        guard let value = entries.first(where: { $0.key.scalarText == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The value under `key`; records "CONTEXT is missing required key 'KEY'" when absent or empty.
    func required(_ key: String, hint: String? = nil) -> ConfigNode? {
        guard let value = optional(key) else {
            let present = entries.first(where: { $0.key.scalarText == key })
            if let present {
                present.key.error("'\(key)' in \(context) has no value", hint: hint)
            } else {
                diagnostics.error(at: location, "\(context) is missing required key '\(key)'", hint: hint)
            }
            return nil
        }
        return value
    }

    /// Whether `key` is present (does not mark it known).
    func contains(_ key: String) -> Bool { entries.contains { $0.key.scalarText == key } }

    /// The location of `key` itself, for messages about the key rather than its value.
    func keyLocation(_ key: String) -> ConfigLocation? {
        entries.first { $0.key.scalarText == key }?.key.location
    }

    /// Marks keys as known without reading them (they were handled elsewhere).
    func markKnown(_ keys: String...) { known.append(contentsOf: keys) }

    /// Records an error for every key that no reader asked for, suggesting the nearest known key.
    func reportUnknownKeys() {
        for (key, _) in entries {
            guard let name = key.scalarText, !known.contains(name) else { continue }
            let hint = SpellingSuggestion.closest(to: name, among: known).map { "did you mean '\($0)'?" }
                ?? "known keys here: \(Array(Set(known)).sorted().joined(separator: ", "))"
            key.error("unknown key '\(name)' in \(context)", hint: hint)
        }
    }
}
