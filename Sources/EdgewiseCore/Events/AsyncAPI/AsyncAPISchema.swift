/// Builders for the JSON Schema (draft 07, which AsyncAPI 3.0 schemas extend) fragments the
/// AsyncAPI document is made of: `AsyncAPISchema.string("…")` instead of a dictionary literal.
enum AsyncAPISchema {
    /// `{"type": "string"}`, with a description when given.
    static func string(_ description: String? = nil) -> JSONValue {
        typed("string", description)
    }

    /// A number.
    static func number(_ description: String? = nil) -> JSONValue {
        typed("number", description)
    }

    /// An integer no smaller than `minimum`.
    static func integer(minimum: Int, _ description: String? = nil) -> JSONValue {
        var schema = JSONObject()
        schema.append(key: "type", value: "integer")
        schema.append(key: "minimum", value: .number(Double(minimum)))
        if let description { schema.append(key: "description", value: .string(description)) }
        return .object(schema)
    }

    /// An RFC 3339 time (`format: date-time`).
    static func time(_ description: String) -> JSONValue {
        ["type": "string", "format": "date-time", "description": .string(description)]
    }

    /// A string that is always `value`.
    static func constant(_ value: String) -> JSONValue {
        ["type": "string", "const": .string(value)]
    }

    /// A string that is one of `values`.
    static func oneOf(_ values: [String], _ description: String? = nil) -> JSONValue {
        var schema = JSONObject()
        schema.append(key: "type", value: "string")
        schema.append(key: "enum", value: .array(values.map(JSONValue.string)))
        if let description { schema.append(key: "description", value: .string(description)) }
        return .object(schema)
    }

    /// A value of a point of `kind`; any of number, boolean and string when `kind` is `nil`.
    static func value(_ kind: ValueKind?, _ description: String? = nil) -> JSONValue {
        guard let kind else {
            var schema = JSONObject()
            schema.append(key: "type", value: ["number", "boolean", "string"])
            if let description { schema.append(key: "description", value: .string(description)) }
            return .object(schema)
        }
        return typed(kind.rawValue, description)
    }

    /// An object with `properties` in the order given.
    ///
    /// - Parameters:
    ///   - required: the members always present.
    ///   - anyOf: refinements of which at least one holds (per-device value types, say); none when empty.
    ///   - oneOf: alternatives of which exactly one holds; none when empty.
    static func object(
        _ properties: [(String, JSONValue)], required: [String], description: String? = nil, anyOf: [JSONValue] = [], oneOf: [JSONValue] = []
    ) -> JSONValue {
        var schema = JSONObject()
        schema.append(key: "type", value: "object")
        if let description { schema.append(key: "description", value: .string(description)) }
        schema.append(key: "properties", value: .object(JSONObject(properties.map { (key: $0.0, value: $0.1) })))
        schema.append(key: "required", value: .array(required.map(JSONValue.string)))
        if !anyOf.isEmpty { schema.append(key: "anyOf", value: .array(anyOf)) }
        if !oneOf.isEmpty { schema.append(key: "oneOf", value: .array(oneOf)) }
        return .object(schema)
    }

    /// A refinement of an object: only `properties` (and `required` when not empty), no type.
    static func refinement(_ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var schema = JSONObject()
        schema.append(key: "properties", value: .object(JSONObject(properties.map { (key: $0.0, value: $0.1) })))
        if !required.isEmpty { schema.append(key: "required", value: .array(required.map(JSONValue.string))) }
        return .object(schema)
    }

    /// `{"$ref": pointer}`.
    static func reference(_ pointer: String) -> JSONValue {
        ["$ref": .string(pointer)]
    }

    private static func typed(_ type: String, _ description: String?) -> JSONValue {
        guard let description else { return ["type": .string(type)] }
        return ["type": .string(type), "description": .string(description)]
    }
}
