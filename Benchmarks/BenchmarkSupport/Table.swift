/// A Markdown table, columns padded so that it also reads well in a terminal.
public struct Table: Sendable {
    public let header: [String]
    public private(set) var rows: [[String]] = []

    public init(_ header: [String]) {
        self.header = header
    }

    public mutating func add(_ row: [String]) {
        precondition(row.count == header.count, "a row of \(row.count) cells in a table of \(header.count) columns")
        rows.append(row)
    }

    /// The table as Markdown: the first column left-aligned, the others right-aligned.
    public var markdown: String {
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

/// A number with a fixed count of decimals and thousands separators: `12,345.6`.
public func decimal(_ value: Double, _ decimals: Int = 0) -> String {
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

/// `93 %`.
public func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded())) %" }
