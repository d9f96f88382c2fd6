extension JSONValue: CustomStringConvertible {
    /// The value as compact JSON text, e.g. `{"temp":21.5,"ok":true}`.
    public var description: String {
        var writer = JSONWriter()
        writer.value(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
