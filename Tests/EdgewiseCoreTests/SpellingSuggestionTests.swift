import Testing

@testable import EdgewiseCore

@Suite("Did-you-mean suggestions")
struct SpellingSuggestionTests {
    @Test(arguments: [
        ("thresold", "thresholds"), ("hysterisis", "hysteresis"), ("Unit", "unit"), ("untis", "unit"), ("stale_afer", "stale_after"),
    ])
    func suggestsNearestKey(typo: String, expected: String) {
        let keys = ["thresholds", "hysteresis", "unit", "scale", "stale_after", "valid"]
        #expect(SpellingSuggestion.closest(to: typo, among: keys) == expected)
    }

    @Test func suggestsNothingForUnrelatedWords() {
        #expect(SpellingSuggestion.closest(to: "colour", among: ["unit", "scale"]) == nil)
        #expect(SpellingSuggestion.closest(to: "x", among: ["y"]) == nil)
    }
}
