/// One problem found in the configuration, printed the way compilers print theirs.
///
/// ```
/// /etc/edgewise/devices/hvac.yaml:12:5: error: unknown key 'thresold' in point 'supply_temp'
///     hint: did you mean 'thresholds'?
/// ```
/// Editors and CI annotate `FILE:LINE:COLUMN: error:` lines; the hint line is for people.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: ConfigLocation
    public var message: String
    /// What to do about it, when there is something more useful to say than the message.
    public var hint: String?

    public init(_ severity: Severity = .error, at location: ConfigLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE`, followed by an indented `hint:` line when there is a hint.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

extension Diagnostic: Error {}
