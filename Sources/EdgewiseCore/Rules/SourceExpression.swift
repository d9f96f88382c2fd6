/// An expression as written in a rule file (`greenhouse-air.temperature > 26`), with its position.
///
/// Used for `when:` and `until:` conditions and for the value of a `write:` action. Column offsets
/// inside `text` are relative to `location`, so errors can point inside the expression.
public struct SourceExpression: Sendable {
    /// The expression text as the user wrote it.
    public var text: String
    /// Where the text starts in its file.
    public var location: ConfigLocation
    /// The parsed expression.
    public var expression: RuleExpression

    public init(text: String, location: ConfigLocation, expression: RuleExpression) {
        self.text = text
        self.location = location
        self.expression = expression
    }

    /// Parses `text`, written at `location`.
    ///
    /// - Throws: the syntax error as a `Diagnostic` pointing at the offending character.
    public static func parse(_ text: String, at location: ConfigLocation) throws(Diagnostic) -> SourceExpression {
        do {
            return SourceExpression(text: text, location: location, expression: try RuleExpressionParser.parse(text))
        } catch {
            throw error.diagnostic(in: text, startingAt: location)
        }
    }

    /// The file position `offset` Unicode scalars into `text`, which starts at `location`.
    static func locate(offset: Int, in text: String, from location: ConfigLocation) -> ConfigLocation {
        var line = location.line
        var column = location.column
        for (index, scalar) in text.unicodeScalars.enumerated() where index < offset {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return ConfigLocation(file: location.file, line: line, column: column)
    }
}
