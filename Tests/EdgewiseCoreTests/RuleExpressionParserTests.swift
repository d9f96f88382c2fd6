import Testing

@testable import EdgewiseCore

/// Valid expressions: their tree, the ranges of their nodes, and the points they read.
@Suite struct RuleExpressionParserTests {
    /// Text and its tree as an S-expression: `(op operands...)`, numbers and durations canonical.
    static let structures: [(String, String)] = [
        ("26", "26"),
        ("-3.5", "-3.5"),
        ("1e3", "1000"),
        ("2.5E-3", "0.0025"),
        ("true", "true"),
        ("on", "true"),
        ("false", "false"),
        ("off", "false"),
        ("greenhouse-air.temperature > 26", "(> greenhouse-air.temperature 26)"),
        ("_dev.point_2 >= 0", "(>= _dev.point_2 0)"),
        ("a.b > 1 and c.d < 2 or not e.f", "(or (and (> a.b 1) (< c.d 2)) (not e.f))"),
        ("a.b or c.d and e.f", "(or a.b (and c.d e.f))"),
        ("a.b and c.d and e.f", "(and (and a.b c.d) e.f)"),
        ("not a.b and c.d", "(and (not a.b) c.d)"),
        ("not a.b > 1", "(not (> a.b 1))"),
        ("not not a.b", "(not (not a.b))"),
        ("a.b == on", "(== a.b true)"),
        ("a.b != off", "(!= a.b false)"),
        ("a.b <= 1 or a.b >= 2", "(or (<= a.b 1) (>= a.b 2))"),
        ("hvac.alarm == (a.b > 1)", "(== hvac.alarm (> a.b 1))"),
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("1 * 2 + 3", "(+ (* 1 2) 3)"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("8 / 4 / 2", "(/ (/ 8 4) 2)"),
        ("a.b + 1 > c.d * 2", "(> (+ a.b 1) (* c.d 2))"),
        ("-a.b * 2", "(* (- a.b) 2)"),
        ("- -3", "(- -3)"),
        ("-(1 + 2)", "(- (+ 1 2))"),
        ("2 * -3", "(* 2 -3)"),
        ("a.b - -3", "(- a.b -3)"),
        ("(a.b)", "a.b"),
        ("((1))", "1"),
        ("room.temp-5", "room.temp-5"),
        ("room.temp - 5", "(- room.temp 5)"),
        ("room.temp -5", "(- room.temp 5)"),
        ("avg(room.temp, 5m) > 26", "(> (avg room.temp 5m) 26)"),
        ("delta(tank.level, 1h30m) < -2", "(< (delta tank.level 1h30m) -2)"),
        ("max(a.b, 90s)", "(max a.b 1m30s)"),
        ("min(a.b,500ms)", "(min a.b 500ms)"),
        ("1 + avg(a.b, 5m) * 2", "(+ 1 (* (avg a.b 5m) 2))"),
        ("avg(a.b + 1, 5m)", "(avg (+ a.b 1) 5m)"),
        ("avg(5m, a.b)", "(avg 5m a.b)"),
        ("\tgreenhouse-air.temperature\n>  26 ", "(> greenhouse-air.temperature 26)"),
        ("a.b\u{00A0}> 1", "(> a.b 1)"),
    ]

    @Test(arguments: structures)
    func parsesStructure(text: String, expected: String) throws {
        #expect(try RuleExpressionParser.parse(text).sExpression == expected)
    }

    /// Every node's range, in pre-order: parenthesized nodes include their parentheses, a folded
    /// negative literal includes its minus, a call runs from its name to its `)`.
    static let ranges: [(String, [String])] = [
        ("a.b > 1 and c.d < 2", ["(and (> a.b 1) (< c.d 2)) 0..<19", "(> a.b 1) 0..<7", "a.b 0..<3", "1 6..<7", "(< c.d 2) 12..<19", "c.d 12..<15", "2 18..<19"]),
        ("(1 + 2) * x.y", ["(* (+ 1 2) x.y) 0..<13", "(+ 1 2) 0..<7", "1 1..<2", "2 5..<6", "x.y 10..<13"]),
        ("- 3 * -a.b", ["(* -3 (- a.b)) 0..<10", "-3 0..<3", "(- a.b) 6..<10", "a.b 7..<10"]),
        ("not  avg(a.b, 5m)", ["(not (avg a.b 5m)) 0..<17", "(avg a.b 5m) 5..<17", "a.b 9..<12", "5m 14..<16"]),
        ("  on ", ["true 2..<4"]),
    ]

    @Test(arguments: ranges)
    func recordsRanges(text: String, expected: [String]) throws {
        #expect(try RuleExpressionParser.parse(text).rangesInPreOrder == expected)
    }

    @Test func offsetsCountUnicodeScalars() throws {
        // Whitespace outside ASCII is skipped and counts one offset per scalar.
        let expression = try RuleExpressionParser.parse("\u{2003}\u{2003}a.b > 1")
        #expect(expression.range == 2..<9)
    }

    @Test func listsPointReferencesInSourceOrder() throws {
        let expression = try RuleExpressionParser.parse("avg(room.temp, 5m) > greenhouse-air.temperature and not room.temp == off")
        #expect(expression.pointReferences.map(\.description) == ["room.temp", "greenhouse-air.temperature", "room.temp"])
        #expect(expression.pointReferences.map(\.range) == [4..<13, 21..<47, 56..<65])
        #expect(expression.pointReferences[1] == PointReference(device: "greenhouse-air", point: "temperature", range: 21..<47))
    }

    @Test func literalsHaveNoPointReferences() throws {
        #expect(try RuleExpressionParser.parse("1 + 2 > 3").pointReferences.isEmpty)
    }
}

extension RuleExpression {
    /// The tree with full structure and no ranges, for comparing what the parser built.
    var sExpression: String {
        switch kind {
        case .number(let value): RuleExpression.format(value)
        case .boolean(let value): "\(value)"
        case .point(let reference): reference.description
        case .duration(let duration): DurationSyntax.format(duration)
        case .unary(let op, let operand): "(\(op.symbol) \(operand.sExpression))"
        case .binary(let op, let left, let right): "(\(op.symbol) \(left.sExpression) \(right.sExpression))"
        case .call(let function, let arguments): "(\(function) \(arguments.map(\.sExpression).joined(separator: " ")))"
        case .calendar(let condition): "(\(condition))"
        }
    }

    /// Every node as `S-EXPRESSION LOWER..<UPPER`, in pre-order.
    var rangesInPreOrder: [String] {
        ["\(sExpression) \(range)"] + operands.flatMap(\.rangesInPreOrder)
    }
}
