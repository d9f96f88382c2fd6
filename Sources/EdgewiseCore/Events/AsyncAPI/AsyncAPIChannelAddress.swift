/// The upstream topic of one event type as an AsyncAPI channel address: the `upstream.topic`
/// template with `{gateway}` and `{type}` filled in, and `{device}` and `{point}` left as channel
/// parameters where the event names a device or point.
///
/// Where the event has no device or point (rule events, `BufferOverflow`; `DeviceOffline` has no
/// point) the level is `-`, as `UpstreamConfig.topic(for:gateway:)` fills it:
///
/// ```
/// edgewise/{gateway}/events/{type}/{device}   ReadingReported → edgewise/greenhouse-01/events/ReadingReported/{device}
///                                             RuleTriggered   → edgewise/greenhouse-01/events/RuleTriggered/-
/// ```
struct AsyncAPIChannelAddress: Hashable, Sendable {
    /// What fills `{device}` or `{point}` for an event that has none.
    static let absentLevel = "-"

    /// The address, with `{device}` and `{point}` where they are parameters.
    var text: String
    /// The parameters in `text`, in order of first appearance: `device`, `point`.
    var parameters: [String]

    init(template: TopicTemplate, gatewayID: String, event: AsyncAPIEventType) {
        var text = ""
        var parameters: [String] = []
        var rest = Substring(template.text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            text += rest[..<open]
            let placeholder = String(rest[rest.index(after: open)..<close])
            let parameter: Bool
            switch placeholder {
            case "gateway":
                text += gatewayID
                parameter = false
            case "type":
                text += event.name.name
                parameter = false
            case "device" where event.subject != .gateway, "point" where event.namesPoint:
                text += "{\(placeholder)}"
                parameter = true
            case "device", "point":
                text += Self.absentLevel
                parameter = false
            default:
                // `TopicTemplate.parse` admits no other placeholder; keep anything else as written.
                text += "{\(placeholder)}"
                parameter = true
            }
            if parameter, !parameters.contains(placeholder) { parameters.append(placeholder) }
            rest = rest[rest.index(after: close)...]
        }
        self.text = text + rest
        self.parameters = parameters
    }
}
