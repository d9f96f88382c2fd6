/// A limit on a point's value that raises `ThresholdCrossed` when passed and `ThresholdCleared`
/// when the value is back by at least `hysteresis`: `{above: 30, hysteresis: 1}`.
public struct Threshold: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        case above, below
    }

    public var direction: Direction
    public var limit: Double
    /// How far back past the limit the value must come before the threshold clears (default 0).
    public var hysteresis: Double
    public var location: ConfigLocation

    public init(direction: Direction, limit: Double, hysteresis: Double = 0, location: ConfigLocation) {
        self.direction = direction
        self.limit = limit
        self.hysteresis = hysteresis
        self.location = location
    }
}
