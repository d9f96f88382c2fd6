/// A JSON value (RFC 8259) as read from a device payload or written to an upstream message.
///
/// Parse one with ``JSONParser`` and read fields with
/// ``JSONValue/value(at:)`` or the accessors (`self["temp"]?.doubleValue`); write one with
/// ``JSONWriter``. Objects keep their members in document order (see ``JSONObject``).
///
/// Numbers are `Double`s, which hold every integer up to 2^53 exactly (enough for millisecond
/// timestamps and counters); ``integerValue`` returns them as `Int64`. Larger integers, such as
/// nanosecond timestamps, arrive rounded to the nearest `Double`: do not use `JSONValue` when the
/// exact digits of such numbers matter.
///
/// Equality is structural and order-sensitive for object members; `1` and `1.0` are equal.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, always finite.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, with its members in document order.
    case object(JSONObject)
}
