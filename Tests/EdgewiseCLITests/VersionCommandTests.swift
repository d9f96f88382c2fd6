import EdgewiseTesting
import Testing

@Suite("edgewise version and usage")
struct VersionCommandTests {
    @Test func printsItsVersionAndItsLibraries() async throws {
        let result = try await EdgewiseBinary.run("version")
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0] == "edgewise 0.1.0")
        #expect(lines[1].wholeMatch(of: /libmosquitto \d+\.\d+\.\d+/) != nil)
        #expect(lines[2].wholeMatch(of: /libmodbus \d+\.\d+\.\d+/) != nil)
        #expect(lines[3].wholeMatch(of: /SQLite \d+\.\d+\.\d+/) != nil)
        #expect(lines[4].wholeMatch(of: /libyaml \d+\.\d+\.\d+/) != nil)
    }

    @Test func versionFlagPrintsTheVersion() async throws {
        let result = try await EdgewiseBinary.run("--version")
        #expect(result.status == 0)
        #expect(result.standardOutput == "0.1.0\n")
    }

    @Test func anUnknownCommandIsAUsageError() async throws {
        let result = try await EdgewiseBinary.run("frobnicate")
        #expect(result.status == 64)
        #expect(result.standardError.contains("Unexpected argument 'frobnicate'"))
    }
}
