/// The kind of value a point carries once decoded: what rule expressions may do with it.
///
/// Numbers compare and take part in arithmetic; booleans (coils, switches, `on`/`off`) combine with
/// `and`/`or`/`not`; strings are reported and forwarded but take no part in rule conditions.
public enum ValueKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case number
    case boolean
    case string

    public var description: String { rawValue }
}
