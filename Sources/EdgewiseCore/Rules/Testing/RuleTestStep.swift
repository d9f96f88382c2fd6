/// One entry under a case's `readings:`.
public struct RuleTestStep: Sendable, Hashable {
    public enum Input: Sendable, Hashable {
        /// `{at: T, point: DEVICE.POINT, value: V}`
        case reading(device: String, point: String, value: ReadingValue)
        /// `{at: T, offline: DEVICE}`: the device goes offline (as when it is silent past `stale_after`).
        case offline(device: String)
        /// `{at: T, online: DEVICE}`
        case online(device: String)
    }

    public var at: Duration
    public var input: Input
    public var location: ConfigLocation

    public init(at: Duration, _ input: Input, location: ConfigLocation) {
        self.at = at
        self.input = input
        self.location = location
    }
}
