/// A position in a config file, as editors and compilers print it: 1-based line and column.
///
/// Columns count Unicode scalars, as libyaml does, so a location from the YAML parser and one
/// computed inside a scalar (a rule expression, say) agree.
public struct ConfigLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file as the user should see it: the config directory joined with the file's relative path.
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The same file and line, `offset` columns further right.
    public func advanced(byColumns offset: Int) -> ConfigLocation {
        ConfigLocation(file: file, line: line, column: column + offset)
    }

    /// `FILE:LINE:COLUMN`.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: ConfigLocation, rhs: ConfigLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
