import CModbus
import Glibc

extension ModbusError {
    /// The kinds of Modbus failure a caller reacts to differently.
    ///
    /// The first six are Modbus exception responses: the device received the request and
    /// refused it, and the connection is fine. The others are about getting an answer at all.
    public enum Kind: Hashable, Sendable {
        /// Exception 1: the device does not support the function (e.g. no coils).
        case illegalFunction
        /// Exception 2: an address in the request does not exist on the device.
        case illegalAddress
        /// Exception 3: a value in the request is not allowed (e.g. a count the device rejects).
        case illegalValue
        /// Exception 4: the device failed while handling the request ("slave or server failure").
        case deviceFailure
        /// Exception 6: the device is busy with a long command; try again later.
        case busy
        /// Any other exception code: 5 acknowledge, 7 negative acknowledge, 8 memory parity,
        /// 10 gateway path unavailable, 11 gateway target failed to respond.
        case otherException(code: Int)
        /// No (complete) response within the response timeout (`ETIMEDOUT`).
        case timeout
        /// The connection is gone or was never there: reset, broken pipe, refused, not connected
        /// (`ECONNRESET`, `EPIPE`, `ECONNREFUSED`, `ECONNABORTED`, `ENOTCONN`, `EBADF`).
        case connectionClosed
        /// A response libmodbus could not accept: bad CRC, wrong length or transaction,
        /// malformed exception, an answer from another unit (`EMBBADCRC`, `EMBBADDATA`,
        /// `EMBBADEXC`, `EMBUNKEXC`, `EMBMDATA`, `EMBBADSLAVE`).
        case invalidResponse
        /// Anything else, e.g. a serial port that does not exist (`ENOENT`) or a host that
        /// cannot be reached (`EHOSTUNREACH`).
        case other

        /// Sorts libmodbus's `errno` values.
        init(errorNumber: Int32) {
            switch errorNumber {
            case CMODBUS_EMBXILFUN: self = .illegalFunction
            case CMODBUS_EMBXILADD: self = .illegalAddress
            case CMODBUS_EMBXILVAL: self = .illegalValue
            case CMODBUS_EMBXSFAIL: self = .deviceFailure
            case CMODBUS_EMBXSBUSY: self = .busy
            case MODBUS_ENOBASE + 1...CMODBUS_EMBXGTAR: self = .otherException(code: Int(errorNumber - MODBUS_ENOBASE))
            case ETIMEDOUT: self = .timeout
            case ECONNRESET, EPIPE, ECONNREFUSED, ECONNABORTED, ENOTCONN, EBADF: self = .connectionClosed
            case CMODBUS_EMBBADCRC, CMODBUS_EMBBADDATA, CMODBUS_EMBBADEXC, CMODBUS_EMBUNKEXC, CMODBUS_EMBMDATA,
                CMODBUS_EMBBADSLAVE:
                self = .invalidResponse
            default: self = .other
            }
        }

        /// Whether the device answered with a Modbus exception (the connection is fine).
        public var isException: Bool {
            switch self {
            case .illegalFunction, .illegalAddress, .illegalValue, .deviceFailure, .busy, .otherException: true
            case .timeout, .connectionClosed, .invalidResponse, .other: false
            }
        }
    }
}
