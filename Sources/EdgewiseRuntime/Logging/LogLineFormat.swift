import Logging

/// How a log event becomes one line of text, for a terminal or for the systemd journal.
///
/// One event is always one line (newlines in messages and values are escaped), so `journalctl`
/// and `grep` see whole events. Under systemd the journal adds its own timestamp, so the line
/// starts with a syslog priority prefix (`<6>`) instead:
/// ```
/// 2026-11-23T19:05:00.123Z info edgewise: Gateway started devices=2 rules=1
/// <6>Gateway started devices=2 rules=1
/// ```
public enum LogLineFormat: Sendable, Equatable {
    /// `TIMESTAMP LEVEL LABEL: MESSAGE key=value…`
    case timestamped
    /// `<PRIORITY>MESSAGE key=value…` for the systemd journal.
    case journal

    /// `.journal` when stderr is connected to the journal (systemd sets `JOURNAL_STREAM`), else `.timestamped`.
    public static func detect(journalStream: String?) -> LogLineFormat {
        guard let journalStream, !journalStream.isEmpty else { return .timestamped }
        return .journal
    }

    public func line(
        level: Logger.Level, label: String, message: Logger.Message, metadata: Logger.Metadata, timestamp: @autoclosure () -> String
    ) -> String {
        var line: String
        switch self {
        case .timestamped: line = "\(timestamp()) \(level.rawValue) \(label): \(Self.escape(message.description))"
        case .journal: line = "<\(Self.syslogPriority(level))>\(Self.escape(message.description))"
        }
        for key in metadata.keys.sorted() {
            line += " \(key)=\(Self.quoteIfNeeded(Self.render(metadata[key]!)))"
        }
        return line
    }

    /// The syslog priority journald understands for each level.
    static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    static func render(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let value): value.description
        case .array(let values): "[" + values.map(render).joined(separator: ",") + "]"
        case .dictionary(let values): "{" + values.keys.sorted().map { "\($0):\(render(values[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\n" || $0 == "\r" }) else { return text }
        return text.replacingNewlines()
    }

    static func quoteIfNeeded(_ text: String) -> String {
        guard text.isEmpty || text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else { return text }
        return "\"" + escape(text.replacingQuotes()) + "\""
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        var result = ""
        for character in self {
            switch character {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\r\n": result += "\\r\\n"
            default: result.append(character)
            }
        }
        return result
    }

    fileprivate func replacingQuotes() -> String {
        var result = ""
        for character in self {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
