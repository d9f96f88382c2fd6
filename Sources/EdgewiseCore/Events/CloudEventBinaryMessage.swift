/// A CloudEvent in the binary content mode of the CloudEvents MQTT binding (MQTT 5 only): the
/// event's `data` is the message payload, `datacontenttype` the message's Content Type, and every
/// other attribute (`specversion`, `id`, `source`, `type`, `subject`, `time`, extensions such as
/// `edgewisereplay`) a user property of the same name.
///
/// Made from the structured form that the durable queue holds, when an event is sent with
/// `upstream.cloudevents: binary`. Not for MQTT 3.1.1, which has no properties.
public struct CloudEventBinaryMessage: Sendable, Hashable {
    /// The attributes as user properties, in the event's order; values as their JSON text would
    /// read without quotes (`true` for a boolean extension).
    public var userProperties: [(name: String, value: String)]
    /// `datacontenttype`, for the MQTT 5 Content Type property.
    public var contentType: String?
    /// The event's `data`, as JSON.
    public var payload: [UInt8]

    public init(userProperties: [(name: String, value: String)], contentType: String?, payload: [UInt8]) {
        self.userProperties = userProperties
        self.contentType = contentType
        self.payload = payload
    }

    /// The binary form of `structured`, a CloudEvent in structured JSON mode; `nil` when it is
    /// not a JSON object (which the gateway never queues).
    public init?(structured: [UInt8]) {
        guard let value = try? JSONParser.parse(structured), let event = value.objectValue else { return nil }
        var properties: [(name: String, value: String)] = []
        var contentType: String?
        var payload: [UInt8] = []
        for (name, attribute) in event {
            switch (name, attribute) {
            case ("data", let data):
                var writer = JSONWriter(reservingCapacity: 128)
                writer.value(data)
                payload = writer.takeBytes()
            case ("datacontenttype", .string(let type)):
                contentType = type
            case (_, .string(let text)):
                properties.append((name, text))
            case (_, .bool(let flag)):
                properties.append((name, flag ? "true" : "false"))
            case (_, let other):
                properties.append((name, other.description))
            }
        }
        self.init(userProperties: properties, contentType: contentType, payload: payload)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.userProperties.elementsEqual(rhs.userProperties) { $0.name == $1.name && $0.value == $1.value }
            && lhs.contentType == rhs.contentType && lhs.payload == rhs.payload
    }

    public func hash(into hasher: inout Hasher) {
        for property in userProperties {
            hasher.combine(property.name)
            hasher.combine(property.value)
        }
        hasher.combine(contentType)
        hasher.combine(payload)
    }
}
