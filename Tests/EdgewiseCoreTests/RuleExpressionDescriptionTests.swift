import Testing

@testable import EdgewiseCore

/// The canonical text form of expressions: minimal parentheses, single spaces, canonical literals.
@Suite struct RuleExpressionDescriptionTests {
    static let renderings: [(String, String)] = [
        ("a.b>1 and c.d<2", "a.b > 1 and c.d < 2"),
        ("(a.b > 1) and ((c.d < 2))", "a.b > 1 and c.d < 2"),
        ("a.b > 1 and (c.d < 2 or e.f)", "a.b > 1 and (c.d < 2 or e.f)"),
        ("(a.b and c.d) and e.f", "a.b and c.d and e.f"),
        ("a.b and (c.d and e.f)", "a.b and (c.d and e.f)"),
        ("(a.b or c.d) and e.f", "(a.b or c.d) and e.f"),
        ("1 - (2 - 3)", "1 - (2 - 3)"),
        ("(1 - 2) - 3", "1 - 2 - 3"),
        ("(1 + 2) * 3", "(1 + 2) * 3"),
        ("1 + (2 * 3)", "1 + 2 * 3"),
        ("8 / (4 * 2)", "8 / (4 * 2)"),
        ("-(1 + 2)", "-(1 + 2)"),
        ("- -3", "-(-3)"),
        ("--a.b", "-(-a.b)"),
        ("-a.b * 2", "-a.b * 2"),
        ("2 * -3", "2 * -3"),
        ("a.b - -3", "a.b - -3"),
        ("not (a.b and c.d)", "not (a.b and c.d)"),
        ("not (a.b > 1)", "not a.b > 1"),
        ("(not a.b) == c.d", "(not a.b) == c.d"),
        ("(a.b < 1) == (c.d > 2)", "(a.b < 1) == (c.d > 2)"),
        ("on", "true"),
        ("off", "false"),
        ("1e3", "1000"),
        ("0.5", "0.5"),
        ("1.5e-7", "1.5e-07"),
        ("1e20", "1e+20"),
        ("avg( room.temp ,90s )", "avg(room.temp, 1m30s)"),
        ("delta(tank.level,1h30m)<-2", "delta(tank.level, 1h30m) < -2"),
        ("greenhouse-air.temperature>26", "greenhouse-air.temperature > 26"),
    ]

    @Test(arguments: renderings)
    func rendersCanonically(text: String, expected: String) throws {
        #expect(try RuleExpressionParser.parse(text).description == expected)
    }

    /// Parsing the description gives back the same tree.
    @Test(arguments: RuleExpressionParserTests.structures.map(\.0) + renderings.map(\.0))
    func roundTrips(text: String) throws {
        let expression = try RuleExpressionParser.parse(text)
        let reparsed = try RuleExpressionParser.parse(expression.description)
        #expect(reparsed.sExpression == expression.sExpression)
        #expect(reparsed.description == expression.description)
    }

    @Test func parenthesizesHandBuiltNegations() {
        let negative = RuleExpression(.number(-3), range: 0..<2)
        #expect(RuleExpression(.unary(.negate, negative), range: 0..<3).description == "-(-3)")
        let sum = RuleExpression(.binary(.add, negative, negative), range: 0..<7)
        #expect(RuleExpression(.binary(.multiply, sum, sum), range: 0..<9).description == "(-3 + -3) * (-3 + -3)")
    }

    @Test func pointReferenceDescribesItself() {
        #expect(PointReference(device: "greenhouse-air", point: "temperature", range: 0..<26).description == "greenhouse-air.temperature")
    }
}
