/// Why a ``ModbusBus`` job did not produce a result.
public enum ModbusBusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bus was not connected and connecting failed, so the job did not run. The next job
    /// tries again; the bus itself never retries.
    case connectFailed(ModbusError)
    /// The job ran and threw this error.
    case requestFailed(ModbusError)
    /// The bus was shut down before the job could run.
    case shutDown
    /// The task waiting for the job was cancelled before the job started; it will not run.
    case cancelled

    /// The libmodbus failure behind a connect or request failure.
    public var modbusError: ModbusError? {
        switch self {
        case .connectFailed(let error), .requestFailed(let error): error
        case .shutDown, .cancelled: nil
        }
    }

    /// The Modbus error's description, or what stopped the job, for a log line.
    public var description: String {
        switch self {
        case .connectFailed(let error), .requestFailed(let error): error.description
        case .shutDown: "the Modbus bus was shut down before the job ran"
        case .cancelled: "the Modbus job was cancelled before it ran"
        }
    }
}
