/// Address ranges a device refused to read as part of a larger block ("illegal data address"), per
/// table: learned by `ModbusRequestPlanner.read(_:holes:using:)` and honoured by
/// `ModbusRequestPlanner.plan(_:maxGap:holes:)`, which never merges points across them.
///
/// A hole of a single address `a` that is also the first address of a point is a *boundary*: the
/// device reads the addresses on either side of it, just not together (some devices refuse reads
/// that cross from one internal block to the next).
///
/// Holes are kept per device for the life of the process; a restart forgets them and relearns
/// them at the cost of one failed read each.
public struct ModbusHoles: Sendable, Hashable, CustomStringConvertible {
    /// Sorted, disjoint, non-adjacent ranges per table.
    public private(set) var ranges: [ModbusRegister.Table: [ClosedRange<Int>]] = [:]

    public init() {}

    /// Whether no hole has been learned.
    public var isEmpty: Bool { ranges.values.allSatisfy(\.isEmpty) }

    /// Records `range` as a hole, merging it with holes it overlaps or touches.
    public mutating func insert(table: ModbusRegister.Table, _ range: ClosedRange<Int>) {
        var merged = range
        var kept: [ClosedRange<Int>] = []
        for existing in ranges[table] ?? [] {
            if existing.upperBound + 1 >= merged.lowerBound && merged.upperBound + 1 >= existing.lowerBound {
                merged = min(existing.lowerBound, merged.lowerBound)...max(existing.upperBound, merged.upperBound)
            } else {
                kept.append(existing)
            }
        }
        kept.append(merged)
        ranges[table] = kept.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Whether any address of `range` is in a hole of `table`.
    public func intersects(table: ModbusRegister.Table, _ range: ClosedRange<Int>) -> Bool {
        (ranges[table] ?? []).contains { $0.overlaps(range) }
    }

    /// `holding 104–109, input 7`, or `none`.
    public var description: String {
        let parts = ModbusRegister.Table.allCases.flatMap { table in
            (ranges[table] ?? []).map { "\(table.rawValue) \($0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)")" }
        }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
