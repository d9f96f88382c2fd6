import Testing

@testable import EdgewiseCore

@Suite("Payload templates of publish actions and MQTT commands")
struct PayloadTemplateTests {
    @Test func placeholdersAreReplacedAndDoubledBracesAreLiteral() throws {
        let template = try PayloadTemplate.parse(#"{{"rule": "{rule}", "t": {room.temp}}}"#, allowed: ["rule"])
        #expect(template.pointReferences == ["room.temp"])
        let rendered = template.render { name in ["rule": "cool", "room.temp": "27.5"][name] }
        #expect(rendered == #"{"rule": "cool", "t": 27.5}"#)
    }

    @Test func anUnknownValueRendersAsNull() throws {
        #expect(try PayloadTemplate.parse("t={room.temp}", allowed: []).render { _ in nil } == "t=null")
    }

    @Test func anUnknownPlaceholderOrAnUnclosedBraceIsAnError() {
        #expect(throws: QuantitySyntaxError.self) { try PayloadTemplate.parse("{valeu}", allowed: ["value"]) }
        #expect(throws: QuantitySyntaxError.self) { try PayloadTemplate.parse("{rule", allowed: ["rule"]) }
        #expect(throws: QuantitySyntaxError.self) { try PayloadTemplate.parse("rule}", allowed: ["rule"]) }
    }
}
