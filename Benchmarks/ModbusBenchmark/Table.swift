/// A Markdown table, columns padded so that it also reads well in a terminal.
struct Table: Sendable {
    let header: [String]
    private(set) var rows: [[String]] = []

    init(_ header: [String]) {
        self.header = header
    }

    mutating func add(_ row: [String]) {
        precondition(row.count == header.count, "a row of \(row.count) cells in a table of \(header.count) columns")
        rows.append(row)
    }

    /// The table as Markdown: the first column left-aligned, the others right-aligned.
    var markdown: String {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.enumerated().map { column, width in
            column == 0 ? " " + String(repeating: "-", count: width) + " " : " " + String(repeating: "-", count: width - 1) + ": "
        }.joined(separator: "|") + "|"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// `2s`, `500ms`, `1m`: a duration the way config files write it.
func format(_ duration: Duration) -> String {
    let milliseconds = duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
    if milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
    if milliseconds % 1_000 == 0 { return "\(milliseconds / 1_000)s" }
    return "\(milliseconds)ms"
}

/// `93 %`.
func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded())) %" }

/// A number with a fixed count of decimals and thousands separators: `12,345.6`.
func decimal(_ value: Double, _ decimals: Int = 0) -> String {
    guard value.isFinite else { return "\(value)" }
    var scaled = (abs(value) * pow10(decimals)).rounded()
    var digits: [Character] = []
    var place = 0
    repeat {
        if place == decimals && decimals > 0 { digits.append(".") }
        if place > decimals && (place - decimals) % 3 == 0 { digits.append(",") }
        digits.append(Character(String(Int(scaled.truncatingRemainder(dividingBy: 10)))))
        scaled = (scaled / 10).rounded(.down)
        place += 1
    } while scaled > 0 || place <= decimals
    return (value < 0 ? "-" : "") + String(digits.reversed())
}

private func pow10(_ exponent: Int) -> Double { (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

/// Nearest-rank percentiles of samples.
struct Percentiles: Sendable {
    private let sorted: [Double]

    init(_ samples: [Double]) {
        sorted = samples.sorted()
    }

    var count: Int { sorted.count }
    var max: Double { sorted.last ?? .nan }
    var mean: Double { sorted.isEmpty ? .nan : sorted.reduce(0, +) / Double(sorted.count) }

    /// The smallest sample at least `p` percent of the samples are not above.
    func at(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}
