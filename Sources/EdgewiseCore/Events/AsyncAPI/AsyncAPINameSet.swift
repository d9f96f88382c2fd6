/// The values a string in an event can take — device names, sources, subjects — as the AsyncAPI
/// document states them: the names known from the configuration, plus a regular expression for
/// each template device (`room-{device}`), whose instances are named only when first heard from.
///
/// ```
/// names [hvac], patterns [room-[^/+#]+]  →  {"type": "string", "anyOf": [{"enum": ["hvac"]}, {"pattern": "^room-[^/+#]+$"}]}
/// names [hvac, greenhouse-air]           →  {"type": "string", "enum": ["hvac", "greenhouse-air"]}
/// ```
struct AsyncAPINameSet: Sendable {
    /// Names known in advance, in configuration order, without repeats.
    private(set) var names: [String] = []
    /// Regular expressions, unanchored, for names known only by their shape.
    private(set) var patterns: [String] = []

    /// What a captured topic level (a template device's `{device}`) may be: one MQTT level.
    static let topicLevel = "[^/+#]+"

    init() {}

    init(names: some Sequence<String>) {
        for name in names { insert(name) }
    }

    mutating func insert(_ name: String) {
        if !names.contains(name) { names.append(name) }
    }

    mutating func insert(pattern: String) {
        if !patterns.contains(pattern) { patterns.append(pattern) }
    }

    mutating func formUnion(_ other: AsyncAPINameSet) {
        for name in other.names { insert(name) }
        for pattern in other.patterns { insert(pattern: pattern) }
    }

    var isEmpty: Bool { names.isEmpty && patterns.isEmpty }

    /// The names, when they are all there is (no template devices) and there is at least one.
    var closedNames: [String]? { patterns.isEmpty && !names.isEmpty ? names : nil }

    /// The names of `devices`; a template device contributes the pattern of its instances' names.
    static func deviceNames(_ devices: [DeviceConfig]) -> AsyncAPINameSet {
        var set = AsyncAPINameSet()
        for device in devices {
            if device.isTemplate { set.insert(pattern: instancePattern(device.name)) } else { set.insert(device.name) }
        }
        return set
    }

    /// The regular expression of the instance names of template `name`: `room-{device}` → `room-[^/+#]+`.
    static func instancePattern(_ name: String) -> String {
        name.split(separator: "{device}", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: topicLevel)
    }

    /// Every name and pattern with `prefix` before and `suffix` after it.
    func wrapped(prefix: String, suffix: String = "") -> AsyncAPINameSet {
        var set = AsyncAPINameSet()
        set.names = names.map { prefix + $0 + suffix }
        set.patterns = patterns.map { Self.escaped(prefix) + $0 + Self.escaped(suffix) }
        return set
    }

    /// The set as the schema of a string. An empty set (nothing in the configuration produces the
    /// value) is any string.
    func schema(_ description: String? = nil) -> JSONValue {
        var schema = JSONObject()
        schema.append(key: "type", value: "string")
        if let description { schema.append(key: "description", value: .string(description)) }
        if patterns.isEmpty {
            if !names.isEmpty { schema.append(key: "enum", value: .array(names.map(JSONValue.string))) }
        } else if names.isEmpty, patterns.count == 1 {
            schema.append(key: "pattern", value: .string("^" + patterns[0] + "$"))
        } else {
            var alternatives: [JSONValue] = names.isEmpty ? [] : [["enum": .array(names.map(JSONValue.string))]]
            alternatives += patterns.map { ["pattern": .string("^" + $0 + "$")] }
            schema.append(key: "anyOf", value: .array(alternatives))
        }
        return .object(schema)
    }

    /// The schema matching exactly one name or pattern without a type: `{"const": …}` or `{"pattern": …}`.
    static func single(name: String, isTemplate: Bool) -> JSONValue {
        isTemplate ? ["pattern": .string("^" + instancePattern(name) + "$")] : ["const": .string(name)]
    }

    /// `text` with the characters that mean something in a regular expression escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\^$.|?*+()[]{}".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
