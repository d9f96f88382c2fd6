/// A zone read from a TZif file (RFC 8536; `/usr/share/zoneinfo/Europe/Amsterdam`): its UTC
/// offsets over time, as far as the rule engine needs them. The reading is pure; the caller
/// reads the file (EdgewiseConfig's `RuleTimeZone.iana(_:)`).
///
/// Version 1 files are read from their 32-bit data; version 2 and later from their 64-bit data,
/// with the footer's POSIX rule for the years after the last listed transition.
public struct TZifZone: Sendable, Hashable {
    /// The offset (seconds east of UTC) before the first transition: local time type 0.
    public var initialOffset: Int64
    /// UTC seconds and the offset from then on, in time order.
    public var transitions: [Transition]
    /// The rule for instants after the last transition; `nil` in version 1 files or when empty.
    public var footer: POSIXTimeZoneRule?

    public struct Transition: Sendable, Hashable {
        public var time: Int64
        public var offset: Int64

        public init(time: Int64, offset: Int64) {
            self.time = time
            self.offset = offset
        }
    }

    public init(initialOffset: Int64, transitions: [Transition], footer: POSIXTimeZoneRule?) {
        self.initialOffset = initialOffset
        self.transitions = transitions
        self.footer = footer
    }

    /// Why bytes are not a TZif file.
    public struct FormatError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ bytes: [UInt8]) throws(FormatError) -> TZifZone {
        var reader = Reader(bytes: bytes)
        let first = try reader.header()
        guard first.version >= 2 else {
            return try reader.body(first, timeSize: 4)
        }
        try reader.skip(first.bodySize(timeSize: 4))
        let second = try reader.header()
        var zone = try reader.body(second, timeSize: 8)
        // The footer: "\n" TZ-string "\n".
        if reader.remaining > 0 {
            guard try reader.byte() == UInt8(ascii: "\n") else { throw FormatError(description: "no newline before the footer") }
            var text: [UInt8] = []
            while reader.remaining > 0, let byte = try? reader.byte(), byte != UInt8(ascii: "\n") { text.append(byte) }
            if !text.isEmpty {
                guard let rule = POSIXTimeZoneRule.parse(String(decoding: text, as: UTF8.self)) else {
                    throw FormatError(description: "footer '\(String(decoding: text, as: UTF8.self))' is not a POSIX TZ rule")
                }
                zone.footer = rule
            }
        }
        return zone
    }

    /// The zone's offsets between `start` and `end` (UTC seconds): the offset at `start` and every
    /// change after it and before `end`, listed or from the footer's rule.
    public func table(from start: Int64, to end: Int64) -> (initial: Int64, transitions: [Transition]) {
        var initial = initialOffset
        var changes: [Transition] = []
        for transition in transitions {
            if transition.time <= start { initial = transition.offset } else if transition.time < end { changes.append(transition) }
        }
        if let footer {
            let after = transitions.last?.time ?? Int64.min
            let firstYear = CivilDate(daysSinceEpoch: floorDivide(max(after, start), 86_400)).year - 1
            let lastYear = CivilDate(daysSinceEpoch: floorDivide(end, 86_400)).year + 1
            var ruled: [Transition] = []
            for year in firstYear...lastYear {
                for change in footer.transitions(in: year) where change.time > after {
                    ruled.append(Transition(time: change.time, offset: change.offset))
                }
            }
            if footer.daylightOffset == nil, after < end {
                ruled.append(Transition(time: max(after, Int64.min + 1), offset: footer.standardOffset))
            }
            for transition in ruled.sorted(by: { $0.time < $1.time }) {
                if transition.time <= start { initial = transition.offset } else if transition.time < end { changes.append(transition) }
            }
        }
        // Drop changes that do not change the offset (a renamed abbreviation, a dst flag alone).
        var table: [Transition] = []
        var current = initial
        for change in changes.sorted(by: { $0.time < $1.time }) where change.offset != current {
            table.append(change)
            current = change.offset
        }
        return (initial, table)
    }

    private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    struct Header {
        var version: UInt8
        var isUTCCount, isStandardCount, leapCount, timeCount, typeCount, characterCount: Int

        func bodySize(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + characterCount + leapCount * (timeSize + 4) + isStandardCount + isUTCCount
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var index = 0

        var remaining: Int { bytes.count - index }

        mutating func byte() throws(FormatError) -> UInt8 {
            guard index < bytes.count else { throw FormatError(description: "the file ends early") }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func skip(_ count: Int) throws(FormatError) {
            guard count >= 0, count <= remaining else { throw FormatError(description: "the file ends early") }
            index += count
        }

        mutating func integer(_ size: Int) throws(FormatError) -> Int64 {
            guard size <= remaining else { throw FormatError(description: "the file ends early") }
            var value: UInt64 = 0
            for _ in 0..<size { value = value << 8 | UInt64(bytes[index]); index += 1 }
            // Sign-extend 32-bit values.
            return size == 4 ? Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: value))) : Int64(bitPattern: value)
        }

        mutating func header() throws(FormatError) -> Header {
            guard remaining >= 44, bytes[index..<index + 4].elementsEqual("TZif".utf8) else {
                throw FormatError(description: "not a TZif file (no 'TZif' magic)")
            }
            let version = bytes[index + 4]
            index += 20
            var counts: [Int] = []
            for _ in 0..<6 {
                let count = try integer(4)
                guard count >= 0, count < 1 << 20 else { throw FormatError(description: "implausible count \(count)") }
                counts.append(Int(count))
            }
            // A version byte of 0 is version 1; '2', '3', '4' are the later ones.
            let number: UInt8 = version == 0 ? 1 : (version >= UInt8(ascii: "2") ? version - UInt8(ascii: "0") : 1)
            return Header(version: number, isUTCCount: counts[0], isStandardCount: counts[1], leapCount: counts[2],
                          timeCount: counts[3], typeCount: counts[4], characterCount: counts[5])
        }

        mutating func body(_ header: Header, timeSize: Int) throws(FormatError) -> TZifZone {
            guard header.typeCount >= 1 else { throw FormatError(description: "no local time types") }
            guard header.bodySize(timeSize: timeSize) <= remaining else { throw FormatError(description: "the file ends early") }
            var times: [Int64] = []
            for _ in 0..<header.timeCount { times.append(try integer(timeSize)) }
            var typeIndexes: [Int] = []
            for _ in 0..<header.timeCount {
                let type = Int(try byte())
                guard type < header.typeCount else { throw FormatError(description: "transition to local time type \(type) of \(header.typeCount)") }
                typeIndexes.append(type)
            }
            var offsets: [Int64] = []
            for _ in 0..<header.typeCount {
                offsets.append(try integer(4))
                try skip(2)  // isdst, abbreviation index
            }
            try skip(header.characterCount + header.leapCount * (timeSize + 4) + header.isStandardCount + header.isUTCCount)
            let transitions = zip(times, typeIndexes).map { Transition(time: $0, offset: offsets[$1]) }
            return TZifZone(initialOffset: offsets[0], transitions: transitions, footer: nil)
        }
    }
}
