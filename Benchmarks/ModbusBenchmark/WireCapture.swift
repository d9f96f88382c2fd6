import BenchmarkSupport
import Glibc

/// Modbus TCP frames to and from one TCP port on the loopback interface, each with the time the
/// kernel saw it: when a write request reached the server and when its acknowledgement left, seen
/// from outside the gateway's code and without touching the connection.
///
/// A Linux packet socket (`AF_PACKET`, needs root or `CAP_NET_RAW`) bound to `lo`, with a
/// classic BPF filter that passes only TCP segments from or to the port. Each segment is queued
/// in the socket with the kernel's receive timestamp (`SO_TIMESTAMPNS`, `CLOCK_REALTIME`), so
/// ``drain()`` may be called any time later: reading costs nothing while a write is timed.
/// Loopback delivers every segment twice (outgoing, then incoming); only the incoming copy is
/// kept, stamped when the receiving side's stack got it.
final class WireCapture {
    /// One Modbus TCP application data unit (MBAP header + PDU).
    struct Frame: Sendable {
        /// `CLOCK_REALTIME` seconds.
        var time: Double
        /// Client → server (a request) or server → client (a response).
        var toServer: Bool
        var transactionID: UInt16
        /// The function code; a response with 0x80 added is an exception.
        var function: UInt8
    }

    private let descriptor: Int32
    private let port: UInt16

    /// Starts capturing; `nil` with the reason when the packet socket cannot be set up.
    static func start(port: Int) -> Result<WireCapture, BenchmarkError> {
        // ETH_P_IP: IPv4 only (the test server listens on 127.0.0.1).
        let protocolIPv4 = UInt16(0x0800).bigEndian
        let descriptor = socket(AF_PACKET, Int32(SOCK_DGRAM.rawValue), Int32(protocolIPv4))
        guard descriptor >= 0 else {
            return .failure(BenchmarkError("socket(AF_PACKET) failed: \(String(cString: strerror(errno))) (needs root or CAP_NET_RAW)"))
        }
        let capture = WireCapture(descriptor: descriptor, port: UInt16(port))
        if let problem = capture.configure(protocolIPv4: protocolIPv4) { return .failure(problem) }
        return .success(capture)
    }

    private init(descriptor: Int32, port: UInt16) {
        self.descriptor = descriptor
        self.port = port
    }

    deinit { close(descriptor) }

    private func configure(protocolIPv4: UInt16) -> BenchmarkError? {
        // SOL_SOCKET options (asm-generic values, the same on x86-64 and arm64).
        let solSocket: Int32 = 1, soReceiveBuffer: Int32 = 8, soAttachFilter: Int32 = 26, soTimestampNS: Int32 = 35
        var on: Int32 = 1
        var size: Int32 = 8 << 20
        guard setsockopt(descriptor, solSocket, soTimestampNS, &on, 4) == 0 else { return failure("setsockopt(SO_TIMESTAMPNS)") }
        _ = setsockopt(descriptor, solSocket, soReceiveBuffer, &size, 4)
        // Offsets are from the IPv4 header (SOCK_DGRAM). Accept TCP with source or destination port `port`.
        let port = UInt32(self.port)
        var program: [UInt64] = [
            Self.instruction(0x30, 0, 0, 9),      // ldb [9]            IP protocol
            Self.instruction(0x15, 0, 5, 6),      // jeq #6 (TCP), else drop
            Self.instruction(0xB1, 0, 0, 0),      // ldxb 4*([0]&0xf)   IP header length
            Self.instruction(0x48, 0, 0, 0),      // ldh [x+0]          source port
            Self.instruction(0x15, 3, 0, port),   // jeq #port → accept
            Self.instruction(0x48, 0, 0, 2),      // ldh [x+2]          destination port
            Self.instruction(0x15, 1, 0, port),   // jeq #port → accept
            Self.instruction(0x06, 0, 0, 0),      // ret #0             drop
            Self.instruction(0x06, 0, 0, 65_535), // ret #65535         accept
        ]
        let attached = program.withUnsafeMutableBufferPointer { instructions -> Int32 in
            // struct sock_fprog { unsigned short len; struct sock_filter *filter; }: 16 bytes on 64-bit.
            var fprog: (UInt64, UInt64) = (UInt64(instructions.count), UInt64(UInt(bitPattern: instructions.baseAddress)))
            return setsockopt(descriptor, solSocket, soAttachFilter, &fprog, 16)
        }
        guard attached == 0 else { return failure("setsockopt(SO_ATTACH_FILTER)") }
        // struct sockaddr_ll: family, protocol, ifindex, hatype, pkttype, halen, addr[8] (20 bytes).
        var address = [UInt8](repeating: 0, count: 20)
        let index = Int32(if_nametoindex("lo"))
        guard index > 0 else { return failure("if_nametoindex(lo)") }
        withUnsafeBytes(of: UInt16(AF_PACKET)) { address.replaceSubrange(0..<2, with: $0) }
        withUnsafeBytes(of: protocolIPv4) { address.replaceSubrange(2..<4, with: $0) }
        withUnsafeBytes(of: index) { address.replaceSubrange(4..<8, with: $0) }
        let bound = address.withUnsafeBytes { bind(descriptor, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), 20) }
        guard bound == 0 else { return failure("bind(lo)") }
        // Segments queued before the filter was attached may be anyone's; the port is checked again in `drain`.
        return nil
    }

    private func failure(_ call: String) -> BenchmarkError {
        BenchmarkError("\(call) failed: \(String(cString: strerror(errno)))")
    }

    /// struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; } as one little-endian 64-bit word.
    private static func instruction(_ code: UInt16, _ jumpTrue: UInt8, _ jumpFalse: UInt8, _ k: UInt32) -> UInt64 {
        UInt64(code) | UInt64(jumpTrue) << 16 | UInt64(jumpFalse) << 24 | UInt64(k) << 32
    }

    /// The frames captured since the last call, oldest first. Never blocks.
    func drain() -> [Frame] {
        var frames: [Frame] = []
        var packet = [UInt8](repeating: 0, count: 65_536)
        var control = [UInt8](repeating: 0, count: 256)
        var address = [UInt8](repeating: 0, count: 32)
        while true {
            var time = 0.0
            var packetType: UInt8 = 0
            let length = packet.withUnsafeMutableBytes { packetBytes in
                control.withUnsafeMutableBytes { controlBytes in
                    address.withUnsafeMutableBytes { addressBytes -> Int in
                        var vector = iovec(iov_base: packetBytes.baseAddress, iov_len: packetBytes.count)
                        return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                            var message = msghdr()
                            message.msg_name = addressBytes.baseAddress
                            message.msg_namelen = socklen_t(addressBytes.count)
                            message.msg_iov = vectorPointer
                            message.msg_iovlen = 1
                            message.msg_control = controlBytes.baseAddress
                            message.msg_controllen = controlBytes.count
                            let received = recvmsg(descriptor, &message, Int32(MSG_DONTWAIT))
                            guard received > 0 else { return received }
                            packetType = addressBytes[10]
                            time = Self.timestamp(in: UnsafeRawBufferPointer(rebasing: controlBytes[..<Int(message.msg_controllen)]))
                            return received
                        }
                    }
                }
            }
            guard length > 0 else { break }
            // PACKET_HOST (0): the incoming copy of a loopback segment.
            guard packetType == 0 else { continue }
            frames += parse(packet[..<length], time: time)
        }
        return frames
    }

    /// The `SCM_TIMESTAMPNS` control message's time, as seconds.
    private static func timestamp(in control: UnsafeRawBufferPointer) -> Double {
        // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } then the data, 8-byte aligned.
        var offset = 0
        while offset + 16 <= control.count {
            let length = Int(control.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let level = control.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self)
            let type = control.loadUnaligned(fromByteOffset: offset + 12, as: Int32.self)
            if level == 1 && type == 35 && offset + 32 <= control.count {
                let seconds = control.loadUnaligned(fromByteOffset: offset + 16, as: Int64.self)
                let nanoseconds = control.loadUnaligned(fromByteOffset: offset + 24, as: Int64.self)
                return Double(seconds) + Double(nanoseconds) / 1e9
            }
            guard length >= 16 else { break }
            offset += (length + 7) & ~7
        }
        return .nan
    }

    /// The Modbus TCP frames in one IPv4 TCP segment (several when a segment carries more than one).
    private func parse(_ bytes: ArraySlice<UInt8>, time: Double) -> [Frame] {
        let ip = Array(bytes)
        guard ip.count >= 20, ip[0] >> 4 == 4, ip[9] == 6 else { return [] }
        let ipHeader = Int(ip[0] & 0x0F) * 4
        let total = min(ip.count, Int(ip[2]) << 8 | Int(ip[3]))
        guard total >= ipHeader + 20 else { return [] }
        let source = UInt16(ip[ipHeader]) << 8 | UInt16(ip[ipHeader + 1])
        let destination = UInt16(ip[ipHeader + 2]) << 8 | UInt16(ip[ipHeader + 3])
        guard source == port || destination == port else { return [] }
        var offset = ipHeader + Int(ip[ipHeader + 12] >> 4) * 4
        var frames: [Frame] = []
        // MBAP: transaction id (2), protocol id (2), length (2) of what follows, unit id (1); then the function code.
        while offset + 8 <= total {
            let transaction = UInt16(ip[offset]) << 8 | UInt16(ip[offset + 1])
            let length = Int(ip[offset + 4]) << 8 | Int(ip[offset + 5])
            guard length >= 2 else { break }
            frames.append(Frame(time: time, toServer: destination == port, transactionID: transaction, function: ip[offset + 7]))
            offset += 6 + length
        }
        return frames
    }

    /// `CLOCK_REALTIME` now, in seconds, to compare with ``Frame/time``.
    static func now() -> Double { ProcessCounters.seconds(of: CLOCK_REALTIME) }
}
