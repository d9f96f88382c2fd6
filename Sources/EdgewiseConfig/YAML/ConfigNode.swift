import EdgewiseCore

/// A YAML value from a config file, read with the type the schema expects.
///
/// Each accessor returns `nil` after recording an error at the value's position when the value does
/// not have the expected form, so decoding carries on and finds the next problem too. `name` is how
/// messages refer to the value: `'port'`, `'thresholds' entry 2`.
struct ConfigNode {
    let node: YAMLNode
    let name: String
    let location: ConfigLocation
    let diagnostics: DiagnosticCollector

    init(_ node: YAMLNode, name: String, file: String, diagnostics: DiagnosticCollector) {
        self.node = node
        self.name = name
        self.diagnostics = diagnostics
        location = ConfigLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    var file: String { location.file }

    /// The scalar's text, or `nil` for mappings and sequences.
    var scalarText: String? { node.scalar?.text }

    /// Whether the value is empty (`key:` with nothing after it, `~` or `null`).
    var isNull: Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.text)
    }

    /// How the value reads in a message: its text for scalars, else "a list" / "a mapping".
    var shape: String {
        switch node {
        case .scalar(let scalar): isNull ? "empty" : "'\(scalar.text)'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    func error(_ message: String, hint: String? = nil) {
        diagnostics.error(at: location, message, hint: hint)
    }

    /// Records "NAME must be EXPECTED, but is …" and returns `nil`, for use in `guard … else`.
    func typeMismatch<T>(_ expected: String, hint: String? = nil) -> T? {
        error("\(name) must be \(expected), but is \(shape)", hint: hint)
        return nil
    }

    /// The column where a scalar's text begins: one past the opening quote for quoted scalars.
    var textLocation: ConfigLocation {
        guard let scalar = node.scalar else { return location }
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: return location.advanced(byColumns: 1)
        default: return location
        }
    }
}
