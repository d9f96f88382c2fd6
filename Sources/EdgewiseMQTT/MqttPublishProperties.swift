import CMosquitto

/// MQTT 5 properties of a published message: its Content Type and user properties (name–value
/// pairs, e.g. the attributes of a CloudEvent in binary mode). Ignored by nothing: publishing
/// them over MQTT 3.1.1, which has no properties, fails with ``MqttPublishError/library(_:)``.
public struct MqttPublishProperties: Sendable, Hashable {
    /// The Content Type property (a MIME type such as `application/json`).
    public var contentType: String?
    /// User properties, in order; names may repeat.
    public var userProperties: [MqttUserProperty]

    public init(contentType: String? = nil, userProperties: [MqttUserProperty] = []) {
        self.contentType = contentType
        self.userProperties = userProperties
    }

    /// Property identifiers fixed by the MQTT 5 specification (§2.2.2.2), as in mqtt_protocol.h,
    /// which <mosquitto.h> does not include.
    static let contentTypeIdentifier: Int32 = 3
    static let userPropertyIdentifier: Int32 = 38

    /// Calls `body` with these properties as a libmosquitto property list, freed afterwards.
    func withPropertyList<R>(_ body: (OpaquePointer?) -> R) -> R {
        var list: OpaquePointer?
        defer { mosquitto_property_free_all(&list) }
        // Adding only fails for out-of-memory or an invalid identifier; both identifiers are valid.
        if let contentType { _ = mosquitto_property_add_string(&list, Self.contentTypeIdentifier, contentType) }
        for property in userProperties {
            _ = mosquitto_property_add_string_pair(&list, Self.userPropertyIdentifier, property.name, property.value)
        }
        return body(list)
    }
}

/// One MQTT 5 user property.
public struct MqttUserProperty: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
