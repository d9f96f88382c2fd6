import EdgewiseCore

/// Gathers every problem found while loading a config directory, so all are reported at once.
///
/// One collector lives for one load, on one thread; it is deliberately not `Sendable`.
final class DiagnosticCollector {
    private(set) var diagnostics: [Diagnostic] = []

    func error(at location: ConfigLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, at: location, message, hint: hint))
    }

    func warning(at location: ConfigLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, at: location, message, hint: hint))
    }

    var hasErrors: Bool { errorCount > 0 }

    /// The number of errors so far. A decoder compares it before and after reading a part of the
    /// file: if it grew, that part is invalid and the decoder returns `nil` for it.
    var errorCount: Int { diagnostics.count { $0.severity == .error } }
}
