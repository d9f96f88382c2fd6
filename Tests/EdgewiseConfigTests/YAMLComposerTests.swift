import Testing

@testable import EdgewiseConfig

/// The composer over libyaml's events: the node tree, where each node starts, and how scalars
/// were written; the errors are covered through `edgewise check`'s output in YAMLSyntaxErrorTests.
@Suite("YAML composer")
struct YAMLComposerTests {
    static func compose(_ text: String) throws -> YAMLNode {
        try #require(try YAMLComposer.compose(text))
    }

    static func entries(_ node: YAMLNode) throws -> [(key: String, value: YAMLNode)] {
        guard case .mapping(let entries, _) = node else {
            Issue.record("not a mapping: \(node)")
            return []
        }
        return entries.map { ($0.key.scalar?.text ?? "?", $0.value) }
    }

    @Test("Keys and values keep file order and 1-based line and column marks")
    func marks() throws {
        let root = try Self.compose("""
            gateway:
              id: gh-01
            points:
              - a
              - {json: "$.t"}
            """)
        #expect(root.mark == YAMLMark(line: 1, column: 1))
        let top = try Self.entries(root)
        #expect(top.map(\.key) == ["gateway", "points"])
        let id = try #require(try Self.entries(top[0].value).first)
        #expect(id.key == "id")
        #expect(id.value.scalar == YAMLScalar(text: "gh-01", style: .plain, mark: YAMLMark(line: 2, column: 7)))
        guard case .sequence(let points, let listMark) = top[1].value else {
            Issue.record("points is not a list")
            return
        }
        #expect(listMark == YAMLMark(line: 4, column: 3))
        #expect(points[0].scalar?.mark == YAMLMark(line: 4, column: 5))
        #expect(points[1].mark == YAMLMark(line: 5, column: 5))
        let json = try #require(try Self.entries(points[1]).first)
        #expect(json.value.scalar == YAMLScalar(text: "$.t", style: .doubleQuoted, mark: YAMLMark(line: 5, column: 12)))
    }

    @Test("Scalar styles: quotes, escapes and block scalars")
    func scalarStyles() throws {
        let values = try Self.entries(Self.compose("""
            plain: null
            single: 'it''s'
            double: "tab\\there"
            literal: |
              one
              two
            folded: >
              one
              two
            empty:
            """)).map(\.value.scalar)
        #expect(values.map(\.?.text) == ["null", "it's", "tab\there", "one\ntwo\n", "one two\n", ""])
        #expect(values.map(\.?.style) == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded, .plain])
    }

    @Test("An alias is the anchored node itself; a later anchor of the same name takes over")
    func aliases() throws {
        let top = try Self.entries(Self.compose("""
            a: &unit {unit: degC}
            b: *unit
            c: &unit percent
            d: *unit
            """))
        #expect(try Self.entries(top[1].value).map(\.key) == ["unit"])
        #expect(top[1].value.mark == top[0].value.mark)
        #expect(top[3].value.scalar?.text == "percent")
    }

    @Test("An empty file, or one with only comments, holds no document")
    func noDocument() throws {
        #expect(try YAMLComposer.compose("") == nil)
        #expect(try YAMLComposer.compose("# nothing here\n\n") == nil)
    }

    @Test("Columns count Unicode scalars, not bytes")
    func unicodeColumns() throws {
        let top = try Self.entries(Self.compose("m: {Grün: 1, b: 温室, c: 2}\n"))
        let inner = try Self.entries(top[0].value)
        #expect(inner.map(\.key) == ["Grün", "b", "c"])
        #expect(inner[1].value.scalar == YAMLScalar(text: "温室", style: .plain, mark: YAMLMark(line: 1, column: 17)))
        #expect(inner[2].value.scalar?.mark == YAMLMark(line: 1, column: 24))
    }

    @Test("Errors carry the mark libyaml reports, made 1-based")
    func syntaxErrorMark() {
        #expect(throws: YAMLComposeError.syntax(
            problem: "did not find expected ',' or '}'", mark: YAMLMark(line: 2, column: 1),
            context: "while parsing a flow mapping", contextMark: YAMLMark(line: 1, column: 4))) {
            try YAMLComposer.compose("a: {b: c\n")
        }
    }
}
