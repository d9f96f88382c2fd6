/// Looks things up in the DOM that headless Chromium dumps of the dashboard, by the `data-*`
/// attributes the page's script puts on device cards and point rows.
struct DashboardDOM {
    let html: String

    /// The markup of the device card `data-device="ID"`, or `nil` when there is none.
    func card(_ id: String) -> Substring? {
        guard let start = html.firstRange(of: "data-device=\"\(id)\"") else { return nil }
        let rest = html[start.lowerBound...]
        return rest[..<(rest.firstRange(of: "</article>")?.upperBound ?? rest.endIndex)]
    }

    /// The `data-value` of the point row `data-point="POINT"` in the card of `device`: the value
    /// as the page shows it, `""` for a point without a value; `nil` when there is no such row.
    func value(device: String, point: String) -> String? {
        guard let card = card(device), let row = card.firstRange(of: "data-point=\"\(point)\"") else { return nil }
        let rest = card[row.upperBound...]
        guard let attribute = rest.firstRange(of: "data-value=\"") else { return nil }
        return String(rest[attribute.upperBound...].prefix { $0 != "\"" })
    }
}
