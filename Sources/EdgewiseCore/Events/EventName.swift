/// The name of a domain event (`ThresholdCrossed`, or a custom name a rule emits) and the
/// CloudEvents `type` derived from it.
///
/// `ThresholdCrossed` → `io.edgewise.threshold.crossed.v1`: the name split into lower-case words,
/// prefixed with `io.edgewise.` and suffixed with the schema version.
public struct EventName: Hashable, Sendable, CustomStringConvertible {
    /// The events Edgewise itself produces. Rules may not `emit` these names.
    public static let builtIn: [String] = [
        "ReadingReported", "ReadingRejected", "ThresholdCrossed", "ThresholdCleared", "DeviceOffline",
        "DeviceOnline", "RuleTriggered", "RuleCleared", "ActionConfirmed", "ActionFailed", "BufferOverflow",
    ]

    public let name: String

    /// - Precondition: `Names.isValidEventName(name)`.
    public init(_ name: String) {
        precondition(Names.isValidEventName(name), "invalid event name \(name)")
        self.name = name
    }

    /// The CloudEvents `type` attribute for schema `version`, e.g. `io.edgewise.threshold.crossed.v1`.
    public func cloudEventType(version: Int = 1) -> String {
        if version == 1, let known = Self.builtInCloudEventTypes[name] { return known }
        return Self.cloudEventType(of: name, version: version)
    }

    /// The version-1 types of the built-in events, worked out once: they are written into every
    /// forwarded event, and splitting the name costs more than encoding the rest of it.
    private static let builtInCloudEventTypes: [String: String] = Dictionary(
        uniqueKeysWithValues: builtIn.map { ($0, cloudEventType(of: $0, version: 1)) })

    private static func cloudEventType(of name: String, version: Int) -> String {
        // Split before an upper-case letter that follows a lower-case one or a digit
        // ("ThresholdCrossed"), and before the last capital of an acronym ("HVACFault" → HVAC, Fault).
        let characters = Array(name)
        var words: [String] = []
        var current = ""
        for (index, character) in characters.enumerated() {
            if index > 0, character.isUppercase {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if !previous.isUppercase || (next?.isLowercase ?? false) {
                    words.append(current)
                    current = ""
                }
            }
            current.append(character)
        }
        words.append(current)
        return "io.edgewise." + words.map { $0.lowercased() }.joined(separator: ".") + ".v\(version)"
    }

    public var description: String { name }
}
