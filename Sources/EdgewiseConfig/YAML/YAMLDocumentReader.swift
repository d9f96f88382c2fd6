import EdgewiseCore

/// Parses one config file's text into a YAML node tree, turning libyaml's errors into diagnostics
/// that point at the offending line and column.
enum YAMLDocumentReader {
    /// The file's root node, or `nil` after recording why there is none (a syntax error, a repeated
    /// key, or an empty file).
    static func read(file: String, text: String, diagnostics: DiagnosticCollector) -> ConfigNode? {
        do {
            guard let root = try YAMLComposer.compose(text) else {
                diagnostics.error(at: ConfigLocation(file: file, line: 1, column: 1), "the file is empty")
                return nil
            }
            return ConfigNode(root, name: "the file", file: file, diagnostics: diagnostics)
        } catch {
            report(error, file: file, diagnostics: diagnostics)
            return nil
        }
    }

    static func report(_ error: YAMLComposeError, file: String, diagnostics: DiagnosticCollector) {
        func location(_ mark: YAMLMark) -> ConfigLocation { ConfigLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .syntax(let problem, let mark, let context, let contextMark):
            diagnostics.error(at: location(mark), "invalid YAML: \(problem)", hint: hint(for: problem, context: context, at: contextMark))
        case .undefinedAlias(let name, let mark):
            diagnostics.error(at: location(mark), "invalid YAML: '*\(name)' refers to no anchor", hint: "write '&\(name)' on the value it stands for, before this line")
        case .secondDocument(let mark):
            diagnostics.error(at: location(mark), "invalid YAML: a second document starts here", hint: "a config file holds one document; remove this '---' or move what follows into a file of its own")
        case .tooDeep(let mark):
            diagnostics.error(at: location(mark), "invalid YAML: lists and mappings are nested more than \(YAMLComposer.maximumDepth) deep")
        case .duplicateKeys(let duplicates):
            for duplicate in duplicates {
                diagnostics.error(at: location(duplicate.second), "duplicate key '\(duplicate.key)'",
                                  hint: "'\(duplicate.key)' is first written at line \(duplicate.first.line); each key may appear once in a mapping")
            }
        }
    }

    /// Advice for the syntax errors people meet most.
    static func hint(for problem: String, context: String?, at contextMark: YAMLMark?) -> String? {
        if problem.contains("cannot start any token") {
            return "YAML does not allow tabs for indentation, and text starting with '@', '`' or '%' must be quoted"
        }
        if problem.contains("mapping values are not allowed") {
            return "check the indentation, and quote values that contain ': '"
        }
        if problem.contains("control characters are not allowed") {
            return "the file holds a control character (such as a NUL or an escape) that YAML does not allow, even in quotes"
        }
        if let context, let contextMark, problem.contains("find expected") {
            return "\(context) that starts at line \(contextMark.line), column \(contextMark.column)"
        }
        return nil
    }
}
