/// A size on disk, as config files spell it: `512KB`, `256MB`, `1.5GB`, `64MiB`, `1000B`.
///
/// `KB`, `MB`, `GB`, `TB` are decimal (powers of 1000, like disk vendors and `df -H`);
/// `KiB`, `MiB`, `GiB`, `TiB` are binary (powers of 1024). Units are case-insensitive
/// (`256mb` is `256MB`); a bare number is rejected, since bytes are rarely what was meant.
public struct ByteSize: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var bytes: Int64

    public init(bytes: Int64) {
        self.bytes = bytes
    }

    static let units: [(symbol: String, factor: Int64)] = [
        ("B", 1),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40),
    ]

    /// Parses `text`, e.g. `256MB`.
    ///
    /// - Throws: `QuantitySyntaxError` with a corrected spelling as hint when the intent is clear.
    public static func parse(_ text: String) throws(QuantitySyntaxError) -> ByteSize {
        let trimmed = text.trimmingWhitespace()
        let number = trimmed.prefix { $0.isASCIIDigit || $0 == "." }
        let unitText = trimmed.dropFirst(number.count).trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw QuantitySyntaxError("empty size", hint: "write a number with a unit, e.g. '256MB'")
        }
        if trimmed.hasPrefix("-") {
            throw QuantitySyntaxError("size '\(text)' is negative")
        }
        guard !number.isEmpty, let value = Double(number) else {
            throw QuantitySyntaxError("'\(text)' is not a size", hint: "write a number with a unit, e.g. '256MB' or '1GiB'")
        }
        guard !unitText.isEmpty else {
            throw QuantitySyntaxError("size '\(text)' has no unit", hint: "write '\(number)MB' for megabytes (or B, KB, GB, KiB, MiB, GiB)")
        }
        let shortForms = ["K": "KB", "M": "MB", "G": "GB", "T": "TB"]
        guard let unit = units.first(where: { $0.symbol.lowercased() == unitText.lowercased() }) else {
            let hint = shortForms[unitText.uppercased()].map { "write '\(number)\($0)'" }
                ?? "use one of the units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB"
            throw QuantitySyntaxError("unknown size unit '\(unitText)' in '\(text)'", hint: hint)
        }
        let bytes = value * Double(unit.factor)
        guard bytes < 9e18 else { throw QuantitySyntaxError("size '\(text)' is too large") }
        return ByteSize(bytes: Int64(bytes.rounded()))
    }

    /// The largest decimal unit that divides the size exactly, e.g. `256MB`, else bytes.
    public var description: String {
        for unit in [("TB", Int64(1_000_000_000_000)), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000)]
        where bytes >= unit.1 && bytes % unit.1 == 0 {
            return "\(bytes / unit.1)\(unit.0)"
        }
        return "\(bytes)B"
    }

    public static func < (lhs: ByteSize, rhs: ByteSize) -> Bool { lhs.bytes < rhs.bytes }
}
