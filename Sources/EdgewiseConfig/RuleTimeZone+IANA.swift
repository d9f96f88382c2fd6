import EdgewiseCore
import EdgewiseSystem
import Glibc

extension RuleTimeZone {
    /// The first instant the tables cover: 2000-01-01T00:00:00Z.
    public static let tableStart = Timestamp(epochMilliseconds: 946_684_800_000)
    /// The end of the tables: 2100-01-01T00:00:00Z.
    public static let tableEnd = Timestamp(epochMilliseconds: 4_102_444_800_000)

    /// Where the system keeps its TZif files: `TZDIR`, else `/usr/share/zoneinfo`.
    static var zoneDirectory: String {
        getenv("TZDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/zoneinfo"
    }

    /// The IANA zone `identifier` (`Europe/Amsterdam`), as a table of its UTC offsets and their
    /// changes between `start` and `end`, read from the system's tzdata (a TZif file under
    /// ``zoneDirectory``, its footer rule for the years after its last listed change); `nil` when
    /// the zone is unknown.
    ///
    /// The runtime builds the engine's zone with this from `gateway.timezone`, and
    /// `edgewise rules test` too.
    public static func iana(_ identifier: String, from start: Timestamp = tableStart, to end: Timestamp = tableEnd) -> RuleTimeZone? {
        guard isZoneName(identifier), let bytes = readFile(zoneDirectory + "/" + identifier),
            let zone = try? TZifZone.parse(bytes)
        else { return nil }
        return table(for: zone, from: start, to: end)
    }

    /// The system's current zone: `TZ` (a zone name, `:name`, or a POSIX rule), else
    /// `/etc/localtime`, else UTC.
    public static func system(from start: Timestamp = tableStart, to end: Timestamp = tableEnd) -> RuleTimeZone {
        if let value = getenv("TZ").map({ String(cString: $0) }), !value.isEmpty {
            let name = value.hasPrefix(":") ? String(value.dropFirst()) : value
            if name.hasPrefix("/"), let bytes = readFile(name), let zone = try? TZifZone.parse(bytes) {
                return table(for: zone, from: start, to: end)
            }
            if let zone = iana(name, from: start, to: end) { return zone }
            if let rule = POSIXTimeZoneRule.parse(name) {
                return table(for: TZifZone(initialOffset: rule.standardOffset, transitions: [], footer: rule), from: start, to: end)
            }
        }
        if let bytes = readFile("/etc/localtime"), let zone = try? TZifZone.parse(bytes) {
            return table(for: zone, from: start, to: end)
        }
        return .utc
    }

    static func table(for zone: TZifZone, from start: Timestamp, to end: Timestamp) -> RuleTimeZone {
        let (initial, changes) = zone.table(from: start.epochMilliseconds / 1_000, to: end.epochMilliseconds / 1_000)
        return RuleTimeZone(
            initialOffset: .seconds(initial),
            transitions: changes.map { Transition(time: Timestamp(epochMilliseconds: $0.time * 1_000), offset: .seconds($0.offset)) })
    }

    /// `Europe/Amsterdam`, `UTC`, `Etc/GMT+5`: a relative path of letters, digits, `_`, `-`, `+`
    /// and `/`, without `.` or `..` components, so that a config cannot name another file.
    static func isZoneName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), name.utf8.count < 256 else { return false }
        let allowed = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "_-+/.".utf8.contains(byte)
        }
        return allowed && !name.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0.hasPrefix(".") }
    }

    /// A zone file's bytes, or `nil` when it cannot be read (or is over 1 MB: not a zone).
    static func readFile(_ path: String) -> [UInt8]? {
        (try? FileBytes.read(path, limit: 1_048_576)).flatMap { $0 }
    }
}
