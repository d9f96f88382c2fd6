/// Checks text against the Prometheus text exposition format (version 0.0.4) and reads its samples.
///
/// Every line is empty, a comment (`# HELP name text`, `# TYPE name kind`, or other `#` text), or a
/// sample `name{label="value",…} value [timestamp]`; a `TYPE` line comes at most once per name and
/// before that family's samples.
///
/// For tests of `/metrics`: the status module's own and the gateway's end-to-end ones.
public struct PrometheusText: Sendable {
    public struct Sample: Hashable, Sendable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    public var samples: [Sample] = []
    /// Metric family name → `counter`, `gauge`, `histogram`, `summary` or `untyped`.
    public var types: [String: String] = [:]
    public var help: [String: String] = [:]

    public struct SyntaxError: Error, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var problem: String
        public var description: String { "line \(line): \(problem): \(text.debugDescription)" }
    }

    public init(parsing text: String) throws {
        guard text.isEmpty || text.hasSuffix("\n") else { throw SyntaxError(line: 0, text: String(text.suffix(40)), problem: "no final newline") }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let words = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
                guard words.count >= 3, words[1] == "HELP" || words[1] == "TYPE" else { continue }
                let name = String(words[2])
                guard Self.isMetricName(name) else { throw SyntaxError(line: number, text: String(line), problem: "bad metric name") }
                let rest = words.count > 3 ? String(words[3]) : ""
                if words[1] == "TYPE" {
                    guard ["counter", "gauge", "histogram", "summary", "untyped"].contains(rest) else {
                        throw SyntaxError(line: number, text: String(line), problem: "unknown type")
                    }
                    guard types[name] == nil else { throw SyntaxError(line: number, text: String(line), problem: "second TYPE line") }
                    guard !samples.contains(where: { Self.family(of: $0.name, in: [name: rest]) == name }) else {
                        throw SyntaxError(line: number, text: String(line), problem: "TYPE after samples")
                    }
                    types[name] = rest
                } else {
                    help[name] = rest
                }
                continue
            }
            do {
                samples.append(try Self.sample(line))
            } catch let problem as Problem {
                throw SyntaxError(line: number, text: String(line), problem: problem.text)
            }
        }
    }

    /// The family a sample belongs to: its name, or for histograms and summaries the name without
    /// `_bucket`, `_sum` or `_count`.
    public static func family(of name: String, in types: [String: String]) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" || types[base] == "summary" { return base }
        }
        return name
    }

    /// The value of the sample named `name` with exactly `labels`, if there is one.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private static func isMetricName(_ name: some StringProtocol) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == ":" }
    }

    private static func isLabelName(_ name: some StringProtocol) -> Bool {
        isMetricName(name) && !name.contains(":")
    }

    private struct Problem: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    /// Parses `name{labels} value [timestamp]`.
    private static func sample(_ line: Substring) throws -> Sample {
        var rest = line[...]
        let nameEnd = rest.firstIndex { $0 == "{" || $0 == " " } ?? rest.endIndex
        let name = String(rest[..<nameEnd])
        guard isMetricName(name) else { throw Problem("bad metric name") }
        rest = rest[nameEnd...]
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                guard let equals = rest.firstIndex(of: "=") else { throw Problem("label without '='") }
                let label = String(rest[..<equals])
                guard isLabelName(label) else { throw Problem("bad label name '\(label)'") }
                rest = rest[equals...].dropFirst()
                guard rest.first == "\"" else { throw Problem("label value not quoted") }
                rest = rest.dropFirst()
                var value = ""
                while true {
                    guard let character = rest.first else { throw Problem("unterminated label value") }
                    rest = rest.dropFirst()
                    if character == "\"" { break }
                    if character == "\\" {
                        guard let escaped = rest.first else { throw Problem("unterminated escape") }
                        rest = rest.dropFirst()
                        switch escaped {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw Problem("bad escape '\\\(escaped)'")
                        }
                    } else {
                        value.append(character)
                    }
                }
                guard labels.updateValue(value, forKey: label) == nil else { throw Problem("label '\(label)' twice") }
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { throw Problem("expected ',' or '}'") }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw Problem("no space before the value") }
        let fields = rest.dropFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard (1...2).contains(fields.count) else { throw Problem("expected a value and at most a timestamp") }
        let valueText = String(fields[0])
        let value: Double
        switch valueText {
        case "+Inf": value = .infinity
        case "-Inf": value = -.infinity
        case "NaN": value = .nan
        default:
            guard let number = Double(valueText) else { throw Problem("value '\(valueText)' is not a number") }
            value = number
        }
        if fields.count == 2, Int64(fields[1]) == nil { throw Problem("timestamp is not an integer") }
        return Sample(name: name, labels: labels, value: value)
    }
}

