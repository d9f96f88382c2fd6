/// The outcome of one rule test case: which expectations were met, which were not, and what the
/// rules did that nobody expected.
public struct RuleTestResult: Sendable {
    public var name: String
    public var location: ConfigLocation
    public var matched: [(expected: RuleTestExpectation, got: RuleTestObservation)] = []
    /// Expected but not produced, in the order written.
    public var missing: [RuleTestExpectation] = []
    /// Produced but not expected, in the order produced.
    public var unexpected: [RuleTestObservation] = []

    public var passed: Bool { missing.isEmpty && unexpected.isEmpty }

    /// Pairs each expectation with something the rules did at that time; the most specific
    /// expectations (naming a rule or a payload) choose first.
    init(testCase: RuleTestCase, observations: [RuleTestObservation]) {
        name = testCase.name
        location = testCase.location
        var remaining = observations
        var found: [Int: RuleTestObservation] = [:]
        let order = testCase.expectations.indices.sorted {
            (-testCase.expectations[$0].specificity, $0) < (-testCase.expectations[$1].specificity, $1)
        }
        for index in order {
            guard let match = remaining.firstIndex(where: testCase.expectations[index].matches) else { continue }
            found[index] = remaining.remove(at: match)
        }
        for (index, expectation) in testCase.expectations.enumerated() {
            if let got = found[index] { matched.append((expectation, got)) } else { missing.append(expectation) }
        }
        unexpected = remaining
    }

    /// The timeline of the case, expected and produced together, for a failing case:
    ///
    /// ```
    ///       2m10s  write hvac.cooling = on (cool-greenhouse)
    ///     - 4m     write hvac.cooling = off                         expected at rules/cooling.test.yaml:31:9, not produced
    ///     + 7m     write hvac.cooling = off (cool-greenhouse)       produced, not expected
    /// ```
    public func timeline(indent: String = "    ") -> [String] {
        var entries: [(at: Duration, order: Int, marker: String, text: String, note: String)] = []
        for (expected, got) in matched { entries.append((expected.at, entries.count, " ", got.description, "")) }
        for expected in missing {
            entries.append((expected.at, entries.count, "-", expected.description, "expected at \(expected.location), not produced"))
        }
        for got in unexpected { entries.append((got.at, entries.count, "+", got.description, "produced, not expected")) }
        entries.sort { ($0.at, $0.order) < ($1.at, $1.order) }
        let timeWidth = entries.map { DurationSyntax.format($0.at).count }.max() ?? 0
        let textWidth = entries.filter { !$0.note.isEmpty }.map(\.text.count).max() ?? 0
        return entries.map { entry in
            let time = DurationSyntax.format(entry.at)
            var line = "\(indent)\(entry.marker) \(time)\(String(repeating: " ", count: timeWidth - time.count))  \(entry.text)"
            if !entry.note.isEmpty { line += String(repeating: " ", count: textWidth - entry.text.count) + "   " + entry.note }
            return line
        }
    }
}
