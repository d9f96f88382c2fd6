/// Which events one `/events` client asked for: `?type=ThresholdCrossed&type=DeviceOffline`
/// and `?device=hvac`, each repeatable or comma-separated; no parameter means all.
///
/// Types are event names (`ThresholdCrossed`); an unknown name or device simply matches nothing.
struct StatusEventFilter: Sendable, Hashable {
    /// The event names wanted; `nil` for every name.
    var types: Set<String>?
    /// The devices wanted; `nil` for every device (and gateway-wide events).
    var devices: Set<String>?

    /// The filter from a request's query parameters, given as (name, value) pairs.
    init(query: some Sequence<(key: Substring, value: Substring)>) {
        func values(of name: String) -> Set<String>? {
            let found = query.filter { $0.key == name }.flatMap { $0.value.split(separator: ",") }.map(String.init).filter { !$0.isEmpty }
            return found.isEmpty ? nil : Set(found)
        }
        types = values(of: "type")
        devices = values(of: "device")
    }

    /// Whether `event` goes to this client.
    func matches(_ event: StatusEventFeed.Event) -> Bool {
        if let types, !types.contains(event.name) { return false }
        if let devices, !(event.device.map(devices.contains) ?? false) { return false }
        return true
    }
}
