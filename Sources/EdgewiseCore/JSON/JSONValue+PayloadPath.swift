extension JSONValue {
    /// The value that `path` points to (`$.sensors[0].value`), or `nil` when a step does not
    /// exist: a missing member, an index past the end, or a step into a value of another kind.
    ///
    /// The empty path `$` returns the value itself. Member steps take the last member with that
    /// key, as ``JSONObject`` does.
    public func value(at path: PayloadPath) -> JSONValue? {
        var current = self
        for step in path.steps {
            switch step {
            case .member(let key):
                guard case .object(let object) = current, let next = object[key] else { return nil }
                current = next
            case .index(let index):
                guard case .array(let elements) = current, elements.indices.contains(index) else { return nil }
                current = elements[index]
            }
        }
        return current
    }
}
