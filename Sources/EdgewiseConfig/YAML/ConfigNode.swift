import EdgewiseCore
import Yams

/// A YAML value from a config file, read with the type the schema expects.
///
/// Each accessor returns `nil` after recording an error at the value's position when the value does
/// not have the expected form, so decoding carries on and finds the next problem too. `name` is how
/// messages refer to the value: `'port'`, `'thresholds' entry 2`.
struct ConfigNode {
    let node: Node
    let name: String
    let location: ConfigLocation
    let diagnostics: DiagnosticCollector

    init(_ node: Node, name: String, file: String, diagnostics: DiagnosticCollector, fallback: ConfigLocation? = nil) {
        self.node = node
        self.name = name
        self.diagnostics = diagnostics
        if let mark = node.mark {
            location = ConfigLocation(file: file, line: mark.line, column: mark.column)
        } else {
            location = fallback ?? ConfigLocation(file: file, line: 1, column: 1)
        }
    }

    var file: String { location.file }

    /// The scalar's text, or `nil` for mappings and sequences.
    var scalarText: String? { node.scalar?.string }

    /// Whether the value is empty (`key:` with nothing after it, `~` or `null`).
    var isNull: Bool {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// How the value reads in a message: its text for scalars, else "a list" / "a mapping".
    var shape: String {
        switch node {
        case .scalar(let scalar): isNull ? "empty" : "'\(scalar.string)'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
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
