/// The `logging:` section of `gateway.yaml`.
public struct LoggingConfig: Sendable {
    /// `level`: the least severe messages that are logged (default `info`).
    public var level: LogLevel

    public init(level: LogLevel = .info) {
        self.level = level
    }
}

/// Log levels as written in `gateway.yaml`, mildest first (the same names as swift-log's).
public enum LogLevel: String, Sendable, Hashable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}
