/// One case of a `rules/*.test.yaml` file: readings and device events at times on a virtual
/// clock, and everything the rules are expected to do in response.
///
/// Run it with `RuleTestRunner`. Times are offsets from `start` (`0s`, `2m10s`).
public struct RuleTestCase: Sendable {
    /// What the clock reads at `0s` when a case does not say: Monday 2026-01-05 00:00 UTC.
    public static let defaultStart = Timestamp(epochMilliseconds: 1_767_571_200_000)

    public var name: String
    /// Where the case's `name:` is written.
    public var location: ConfigLocation
    /// `start`: the wall-clock time of `0s` (for time-of-day and weekday conditions).
    public var start: Timestamp
    /// `run_for`: how long the case runs; without it, until its last step or expectation and then
    /// on while a timer is pending (see `RuleTestRunner`).
    public var runFor: Duration?
    /// `readings`, including `offline`/`online` steps, in the order written.
    public var steps: [RuleTestStep]
    /// `expect`, in the order written.
    public var expectations: [RuleTestExpectation]

    public init(
        name: String, location: ConfigLocation, start: Timestamp = RuleTestCase.defaultStart, runFor: Duration? = nil, steps: [RuleTestStep],
        expectations: [RuleTestExpectation]
    ) {
        self.name = name
        self.location = location
        self.start = start
        self.runFor = runFor
        self.steps = steps
        self.expectations = expectations
    }
}
