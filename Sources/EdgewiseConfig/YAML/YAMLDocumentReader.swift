import EdgewiseCore
import Yams

/// Parses one config file's text into a YAML node tree, turning libyaml's errors into diagnostics
/// that point at the offending line and column.
enum YAMLDocumentReader {
    /// The file's root node, or `nil` after recording why there is none (a syntax error, or an empty file).
    static func read(file: String, text: String, diagnostics: DiagnosticCollector) -> ConfigNode? {
        let start = ConfigLocation(file: file, line: 1, column: 1)
        do {
            guard let root = try Yams.compose(yaml: text) else {
                diagnostics.error(at: start, "the file is empty")
                return nil
            }
            return ConfigNode(root, name: "the file", file: file, diagnostics: diagnostics)
        } catch let error as YamlError {
            report(error, file: file, text: text, diagnostics: diagnostics)
        } catch {
            diagnostics.error(at: start, "cannot read YAML: \(error)")
        }
        return nil
    }

    static func report(_ error: YamlError, file: String, text: String, diagnostics: DiagnosticCollector) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let location = ConfigLocation(file: file, line: mark.line, column: mark.column)
            diagnostics.error(at: location, "invalid YAML: \(problem)", hint: hint(for: problem, context: context, file: file))
        case .reader(let problem, _, _, _):
            diagnostics.error(at: ConfigLocation(file: file, line: 1, column: 1), "cannot read the file as UTF-8 text: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            for key in duplicates {
                let first = ConfigLocation(file: file, line: context.mark.line, column: context.mark.column)
                let second = secondOccurrence(of: key, after: first, in: text)
                let hint = second == nil ? "each key may appear once in a mapping"
                    : "'\(key)' is first written at line \(first.line); each key may appear once in a mapping"
                let location = second ?? first
                diagnostics.error(at: location, "duplicate key '\(key)'", hint: hint)
            }
        default:
            diagnostics.error(at: ConfigLocation(file: file, line: 1, column: 1), "cannot read YAML: \(error)")
        }
    }

    /// Advice for the syntax errors people meet most.
    static func hint(for problem: String, context: YamlError.Context?, file: String) -> String? {
        if problem.contains("cannot start any token") {
            return "YAML does not allow tabs for indentation, and text starting with '@', '`' or '%' must be quoted"
        }
        if problem.contains("mapping values are not allowed") {
            return "check the indentation, and quote values that contain ': '"
        }
        if let context, problem.contains("find expected") {
            return "\(context.text) that starts at line \(context.mark.line), column \(context.mark.column)"
        }
        return nil
    }

    /// Where a duplicated key is written again: libyaml reports the first occurrence; the second is
    /// the next line after it that starts with the same key at the same indentation.
    static func secondOccurrence(of key: String, after first: ConfigLocation, in text: String) -> ConfigLocation? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = first.column - 1
        guard first.line >= 1, first.line <= lines.count else { return nil }
        for lineIndex in first.line..<lines.count {
            let line = Array(lines[lineIndex].unicodeScalars)
            guard line.count > indent, line[..<indent].allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            let rest = String(String.UnicodeScalarView(line[indent...]))
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate + ":") {
                return ConfigLocation(file: first.file, line: lineIndex + 1, column: first.column)
            }
        }
        return nil
    }
}
