import EdgewiseCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads the rule test cases of a config directory: `rules/*.test.yaml` (and `.test.yml`),
/// checked against the directory's configuration, every problem as `FILE:LINE:COLUMN`.
///
/// `ConfigLoader` skips these files; `edgewise rules test` loads the configuration first, then this.
public enum RuleTestLoader {
    /// One test file and its cases, in the order written.
    public struct File: Sendable {
        public var path: String
        public var cases: [RuleTestCase]
    }

    public struct Result: Sendable {
        /// The files in name order; empty when there are errors.
        public var files: [File]
        /// Sorted by file, line and column.
        public var diagnostics: [Diagnostic]

        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        public var caseCount: Int { files.reduce(0) { $0 + $1.cases.count } }
    }

    /// Loads the test files of the config directory at `path`.
    ///
    /// - Throws: `ConfigDirectoryError` when the directory itself is missing or unreadable.
    public static func load(directory path: String, configuration: EdgewiseConfiguration) throws(ConfigDirectoryError) -> Result {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path: path) }
        guard isDirectory else { throw .notADirectory(path: path) }
        let diagnostics = DiagnosticCollector()
        var files: [(path: String, text: String)] = []
        for relative in ConfigLoader.yamlFiles(in: ConfigLoader.join(path, "rules")) where isTestFile(relative) {
            let file = ConfigLoader.join(path, "rules/\(relative)")
            if let text = ConfigLoader.readFile(file, diagnostics: diagnostics) { files.append((file, text)) }
        }
        return load(files, configuration: configuration, diagnostics: diagnostics)
    }

    /// Decodes test files already in memory, keyed by the path used in diagnostics.
    public static func load(_ files: [(path: String, text: String)], configuration: EdgewiseConfiguration) -> Result {
        load(files, configuration: configuration, diagnostics: DiagnosticCollector())
    }

    /// Whether a file name in `rules/` is a test file.
    public static func isTestFile(_ name: String) -> Bool {
        name.hasSuffix(".test.yaml") || name.hasSuffix(".test.yml")
    }

    static func load(_ files: [(path: String, text: String)], configuration: EdgewiseConfiguration, diagnostics: DiagnosticCollector) -> Result {
        let decoder = RuleTestFileDecoder(configuration: configuration)
        var decoded: [File] = []
        var names: [String: ConfigLocation] = [:]
        for file in files {
            guard let cases = YAMLDocumentReader.read(file: file.path, text: file.text, diagnostics: diagnostics).flatMap(decoder.decode) else { continue }
            for testCase in cases {
                if let earlier = names[testCase.name] {
                    diagnostics.error(
                        at: testCase.location, "duplicate test case name '\(testCase.name)'",
                        hint: "'\(testCase.name)' is already used at \(earlier); case names must be unique so results can be told apart")
                } else {
                    names[testCase.name] = testCase.location
                }
            }
            decoded.append(File(path: file.path, cases: cases))
        }
        let order = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = diagnostics.diagnostics.sorted {
            (order[$0.location.file] ?? Int.max, $0.location.line, $0.location.column) < (order[$1.location.file] ?? Int.max, $1.location.line, $1.location.column)
        }
        return Result(files: diagnostics.hasErrors ? [] : decoded, diagnostics: sorted)
    }
}
