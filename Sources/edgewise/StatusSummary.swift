import EdgewiseCore
import EdgewiseStatus

/// The compact report `edgewise status` prints: a verdict line, then connections, devices that are
/// not online, rules that are not idle, the buffer and the configuration. Pure: built from the
/// answers of `/status`, `/readyz` and `/healthz`, so tests compare lines.
///
/// ```
/// greenhouse-01: NOT READY (edgewise 0.1.0, up 1h2m3s)
///   upstream: not connected since 2025-11-23T20:06:40.000Z
/// connections:
///   local_broker             connected   for 1h2m3s
///   upstream                 connecting  for 23s; last error 23s ago: connection refused
/// devices: 3 (1 online, 1 offline, 1 unknown)
///   offline  hvac    for 12m3s, last seen 12m13s ago, 7 errors
/// rules: 2 (1 pending)
///   pending  cool-greenhouse  for 23s, triggers in 1m36s, triggered 1 time
/// buffer: 42 events (16 KiB of 256 MiB), oldest 23s, draining 0/s, 3 evicted
/// config: sha256:0f1e2d, loaded 1h2m3s ago; last reload rejected 52m3s ago
///   devices/hvac.yaml:3:7: error: unknown key 'hots'
/// ```
struct StatusSummary {
    /// What `/healthz` said.
    enum Health: Equatable {
        case alive
        case stalled(String)
    }

    /// `/status`'s snapshot; `nil` when it answered 503, with `statusError` saying why.
    var status: GatewayStatus? = nil
    var statusError: String? = nil
    var readiness: Readiness
    var health: Health

    /// Whether all is well: alive, ready, and `/status` answered.
    var isHealthy: Bool { health == .alive && readiness.isReady && status != nil }

    /// `READY`, `NOT READY`, `STALLED` or `NOT ANSWERING`.
    var verdict: String {
        if case .stalled = health { return "STALLED" }
        if status == nil { return "NOT ANSWERING" }
        return readiness.isReady ? "READY" : "NOT READY"
    }

    func lines() -> [String] {
        var lines: [String] = []
        guard let status else {
            lines.append("gateway: \(verdict)")
            if let statusError { lines.append("  /status: \(statusError)") }
            lines += problems()
            return lines
        }
        let now = StatusTime.parse(status.generatedAt)
        func age(_ time: String?) -> String? {
            guard let now, let time, let instant = StatusTime.parse(time) else { return nil }
            return Self.span(seconds: Double((now - instant).totalMilliseconds) / 1_000)
        }
        lines.append("\(status.gatewayID): \(verdict) (edgewise \(status.version), up \(Self.span(seconds: status.uptimeSeconds)))")
        lines += problems()

        lines.append("connections:" + (status.connections.isEmpty ? " none" : ""))
        lines += Self.table(status.connections.map { connection in
            var detail = age(connection.since).map { "for \($0)" } ?? ""
            if let error = connection.lastError {
                let when = age(connection.lastErrorAt).map { " \($0) ago" } ?? ""
                detail += (detail.isEmpty ? "" : "; ") + "last error\(when): \(error)"
            }
            return [connection.name, connection.state.rawValue, detail]
        })

        let devices = status.devices
        lines.append("devices: \(devices.count)" + Self.breakdown(devices.map(\.state.rawValue), order: ["online", "offline", "unknown"]))
        lines += Self.table(devices.filter { $0.state != .online }.map { device in
            var details: [String] = []
            if device.state == .unknown && device.lastSeen == nil {
                details.append("not heard from since start")
            } else {
                if let since = age(device.since) { details.append("for \(since)") }
                details.append(age(device.lastSeen).map { "last seen \($0) ago" } ?? "never seen")
            }
            if device.errors > 0 { details.append(Self.count(device.errors, "error")) }
            return [device.state.rawValue, device.id, details.joined(separator: ", ")]
        })

        let rules = status.rules
        lines.append("rules: \(rules.count)" + Self.breakdown(rules.map(\.phase).filter { $0 != "idle" }, order: ["active", "pending"]))
        lines += Self.table(rules.filter { $0.phase != "idle" }.map { rule in
            var details: [String] = []
            if let since = age(rule.since) { details.append("for \(since)") }
            if let now, let until = rule.until.flatMap(StatusTime.parse) {
                let remaining = Self.span(seconds: Double((until - now).totalMilliseconds) / 1_000)
                let verb = switch rule.phase {
                case "pending": "triggers in"
                case "trigger-deferred": "may trigger in"
                case "clear-deferred": "may clear in"
                default: "until"
                }
                details.append("\(verb) \(remaining)")
            }
            if rule.triggerCount > 0 { details.append("triggered \(Self.count(rule.triggerCount, "time"))") }
            return [rule.phase, rule.name, details.joined(separator: ", ")]
        })

        if let buffer = status.buffer {
            var text = "buffer: \(Self.count(buffer.depth, "event")) (\(Self.bytes(buffer.bytes)) of \(Self.bytes(buffer.maxBytes)))"
            if let oldest = buffer.oldestEventAgeSeconds { text += ", oldest \(Self.span(seconds: oldest))" }
            text += ", draining \(Self.rate(buffer.drainRate))/s"
            let evicted = buffer.evicted.telemetry + buffer.evicted.normal + buffer.evicted.alarm
            if evicted > 0 { text += ", \(evicted) evicted" }
            if buffer.refused > 0 { text += ", \(buffer.refused) refused" }
            lines.append(text)
        } else {
            lines.append("buffer: none (no upstream configured)")
        }

        var config = "config: \(status.config.digest), loaded " + (age(status.config.loadedAt).map { "\($0) ago" } ?? status.config.loadedAt)
        if let reload = status.config.lastReload {
            config += "; last reload \(reload.result) " + (age(reload.at).map { "\($0) ago" } ?? reload.at)
        }
        lines.append(config)
        for error in status.config.lastReload?.errors ?? [] { lines.append("  \(error)") }
        return lines
    }

    /// The reasons against the gateway, indented under the verdict.
    private func problems() -> [String] {
        var lines: [String] = []
        if case .stalled(let reason) = health { lines.append("  stalled: \(reason)") }
        lines += readiness.reasons.map { "  \($0)" }
        return lines
    }

    /// Rows with their columns padded to the widest cell, indented by two spaces.
    static func table(_ rows: [[String]]) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            let cells = row.enumerated().map { index, cell in
                index == columns - 1 ? cell : cell.padding(to: widths[index])
            }
            return ("  " + cells.joined(separator: "  ")).trimmingTrailingSpaces()
        }
    }

    /// ` (1 online, 1 offline, 2 unknown)` for the values in `order` first, then any others; empty
    /// for no values.
    static func breakdown(_ values: [String], order: [String]) -> String {
        guard !values.isEmpty else { return "" }
        var counts: [(String, Int)] = []
        for value in order + values where !counts.contains(where: { $0.0 == value }) {
            let count = values.count { $0 == value }
            if count > 0 { counts.append((value, count)) }
        }
        return " (" + counts.map { "\($0.1) \($0.0)" }.joined(separator: ", ") + ")"
    }

    /// `1h2m3s`: whole seconds; `0s` for less than one.
    static func span(seconds: Double) -> String {
        DurationSyntax.format(.seconds(max(0, Int(seconds.rounded(.down)))))
    }

    /// `1 event`, `42 events`.
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// `512 B`, `16 KiB`, `1.5 MiB`.
    static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var index = 0
        while value >= 1_024, index < units.count - 1 {
            value /= 1_024
            index += 1
        }
        return "\(rate(value)) \(units[index])"
    }

    /// `0`, `12`, `12.5`: at most one decimal.
    static func rate(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))" : "\(tenths / 10)"
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }

    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
