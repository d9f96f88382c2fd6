/// A point named in a rule expression: `greenhouse-air.temperature` is point `temperature` of
/// device `greenhouse-air`.
///
/// The parser only checks the spelling; whether the device and point exist is for
/// `RuleExpressionChecker`, which knows the configured catalog.
public struct PointReference: Hashable, Sendable, CustomStringConvertible {
    /// The device name, before the dot.
    public var device: String
    /// The point name, after the dot.
    public var point: String
    /// Where the reference is written, in Unicode scalars from the start of the expression text.
    public var range: Range<Int>

    public init(device: String, point: String, range: Range<Int>) {
        self.device = device
        self.point = point
        self.range = range
    }

    /// `device.point`, as written in rules.
    public var description: String { "\(device).\(point)" }
}
