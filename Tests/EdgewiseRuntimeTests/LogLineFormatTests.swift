import Logging
import Testing

@testable import EdgewiseRuntime

@Suite("Log lines for terminals and for the systemd journal")
struct LogLineFormatTests {
    @Test func timestampedLineHasLevelLabelMessageAndSortedMetadata() {
        let line = LogLineFormat.timestamped.line(
            level: .info, label: "edgewise", message: "Gateway started", metadata: ["device.id": "hvac", "config.rules": "1"],
            timestamp: "2026-11-23T19:05:00.123Z")
        #expect(line == "2026-11-23T19:05:00.123Z info edgewise: Gateway started config.rules=1 device.id=hvac")
    }

    @Test(arguments: [
        (Logger.Level.trace, "<7>"), (.debug, "<7>"), (.info, "<6>"), (.notice, "<5>"), (.warning, "<4>"), (.error, "<3>"), (.critical, "<2>"),
    ])
    func journalLinesStartWithTheSyslogPriority(level: Logger.Level, prefix: String) {
        let line = LogLineFormat.journal.line(level: level, label: "edgewise", message: "x", metadata: [:], timestamp: "unused")
        #expect(line == "\(prefix)x")
    }

    @Test func anEventStaysOnOneLine() {
        let line = LogLineFormat.journal.line(
            level: .error, label: "edgewise", message: "first\nsecond", metadata: ["error": "a \"quoted\"\nreason"], timestamp: "")
        #expect(line == #"<3>first\nsecond error="a \"quoted\"\nreason""#)
    }

    @Test func journalIsChosenOnlyWhenSystemdConnectedStandardError() {
        #expect(LogLineFormat.detect(journalStream: "8:12345") == .journal)
        #expect(LogLineFormat.detect(journalStream: nil) == .timestamped)
        #expect(LogLineFormat.detect(journalStream: "") == .timestamped)
    }

    @Test func timestampsAreRFC3339UTCWithMilliseconds() {
        #expect(StandardErrorLogHandler.timestamp().wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
    }
}
