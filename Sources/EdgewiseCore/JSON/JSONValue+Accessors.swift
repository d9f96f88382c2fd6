extension JSONValue {
    /// The number, or `nil` when this is not a number.
    public var doubleValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The number as an integer when it is integral and its magnitude is below 2^53, where a
    /// `Double` is exact; `nil` otherwise (`21.5`, `1e300`, or not a number).
    ///
    /// Below 2^53 the parsed `Double` equals the integer written in the payload, so counters and
    /// millisecond timestamps come back exactly.
    public var integerValue: Int64? {
        guard case .number(let number) = self else { return nil }
        return JSONValue.exactInteger(number)
    }

    /// The string, or `nil` when this is not a string.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The Boolean, or `nil` when this is not `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    /// The elements, or `nil` when this is not an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members, or `nil` when this is not an object.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool { self == .null }

    /// The value of member `key` when this is an object that has one (the last, if repeated).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    /// The element at `index` when this is an array that long.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// `number` as an integer when it is integral and its magnitude is below 2^53.
    ///
    /// (Converting through `Int64` rather than calling `rounded()` keeps libm out of the core.)
    static func exactInteger(_ number: Double) -> Int64? {
        guard number.magnitude < 9_007_199_254_740_992 else { return nil }  // also rejects NaN
        let integer = Int64(number)
        return Double(integer) == number ? integer : nil
    }
}
