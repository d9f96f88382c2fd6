/// The spelling rules for names users give to devices, points and rules, and to custom events.
///
/// Device, point and rule names appear in topics, in rule expressions (`device.point`) and in event
/// subjects, so they are restricted to letters, digits, `_` and `-`, starting with a letter or `_`.
/// Event names are UpperCamelCase (`CoolingRequested`), like the built-in ones.
public enum Names {
    /// Whether `name` may name a device, point or rule.
    public static func isValidIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLetter(first) || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || $0 == "_" || $0 == "-" }
    }

    /// Whether `name` may name an event: an ASCII letter in upper case, then letters and digits.
    public static func isValidEventName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) }
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
