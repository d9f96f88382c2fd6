import EdgewiseConfig
import EdgewiseCore
import EdgewiseTesting
import Testing

/// Config files broken in thousands of random ways (YAML's punctuation inserted, characters
/// deleted, lines repeated): loading never crashes, and a file that does not load gets at least
/// one error, each naming a line and column inside the file.
@Suite("Mangled YAML files")
struct MangledYAMLTests {
    /// YAML's structural characters, plus what people type by mistake.
    static let insertions: [String] = ["[", "]", "{", "}", ":", ": ", "-", "- ", "&a", "*a", "!", "|", ">", "'", "\"", "#", "\t", "\n", ",", "?", "%", "@", "`", "---\n", "  ", "\\", "\u{1}"]

    static func mangle(_ text: String, using random: inout SeededRandom) -> String {
        var characters = Array(text)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let index = Int.random(in: 0...characters.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                characters.insert(contentsOf: insertions.randomElement(using: &random)!, at: index)
            case 1 where index < characters.count:
                characters.remove(at: index)
            default:
                var lines = String(characters).split(separator: "\n", omittingEmptySubsequences: false)
                let line = Int.random(in: 0..<lines.count, using: &random)
                lines.insert(lines[line], at: line)
                characters = Array(lines.joined(separator: "\n"))
            }
        }
        return String(characters)
    }

    @Test("3,000 mangled device files: no crash, and every error is placed inside the file")
    func mangledFilesFailWithPlacedErrors() {
        var random = SeededRandom(seed: 20_261_207)
        var failed = 0
        for _ in 0..<3_000 {
            let text = Self.mangle(ConfigFixture.air, using: &random)
            let result = ConfigFixture.with(device: "air.yaml", text).load()
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if result.configuration == nil {
                failed += 1
                #expect(!result.diagnostics.isEmpty, "no error for:\n\(text)")
            }
            for diagnostic in result.diagnostics where diagnostic.location.file == "devices/air.yaml" {
                let location = diagnostic.location
                #expect((1...lineCount + 1).contains(location.line) && location.column >= 1, "\(diagnostic) for:\n\(text)")
            }
        }
        // Most manglings break the file; the test would prove little if none did.
        #expect(failed > 1_000)
    }
}
