import Glibc

/// Unmaps the pages of read-only files (the executable, shared libraries) that this process
/// has touched, so that only the ones it goes on using are faulted back in.
///
/// Starting the gateway runs a lot of code it will not run again: argument parsing, YAML and
/// Foundation, config validation, service wiring. The kernel maps file pages in 64 KB runs
/// around every page touched, so once started the process keeps most of its binary resident
/// (about 30 MB of the 40 MB idle RSS, measured in docs/performance.md) although the running
/// pipeline needs a fraction of it. `release()` drops those mappings with
/// `madvise(MADV_DONTNEED)`; the pages stay in the page cache, so what is still needed comes
/// back with a minor fault (no disk read), and what is not becomes the first memory the kernel
/// reclaims when it needs room.
///
/// Only private, non-writable, file-backed mappings without anonymous (copy-on-write) pages are
/// released: their contents are exactly the file's, so dropping them loses nothing. Relocated
/// read-only data (RELRO), heap, stacks and anything writable are left alone.
///
/// ```swift
/// let released = StartupPages.release()   // after start-up, e.g. when systemd is told READY=1
/// logger.debug("Released \(released.bytes) bytes in \(released.mappings) mappings")
/// ```
public enum StartupPages {
    /// What one ``release()`` did.
    public struct Released: Sendable, Equatable {
        /// How many mappings were given to `madvise`.
        public var mappings: Int
        /// Resident bytes those mappings held before (their `Rss` in `/proc/self/smaps`).
        public var bytes: Int

        public init(mappings: Int = 0, bytes: Int = 0) {
            self.mappings = mappings
            self.bytes = bytes
        }
    }

    /// Unmaps the resident pages of every releasable mapping in `smapsPath`.
    ///
    /// Safe to call from any thread at any time: a page another thread needs is faulted back in.
    /// Returns what was released; nothing (and no error) when the file cannot be read, as on a
    /// system without `/proc`.
    @discardableResult
    public static func release(smapsPath: String = "/proc/self/smaps") -> Released {
        guard let text = readFile(smapsPath) else { return Released() }
        var released = Released()
        for mapping in SmapsMapping.parse(text) where mapping.isReleasable {
            guard let start = UnsafeMutableRawPointer(bitPattern: mapping.start) else { continue }
            if madvise(start, mapping.end - mapping.start, MADV_DONTNEED) == 0 {
                released.mappings += 1
                released.bytes += mapping.residentBytes
            }
        }
        return released
    }

    /// The whole of a file under `/proc` as text, or `nil`.
    static func readFile(_ path: String) -> String? {
        (try? FileBytes.read(path)).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) }
    }
}

/// One mapping of `/proc/PID/smaps`: its address range, permissions, backing path and the
/// sizes ``StartupPages`` decides by.
struct SmapsMapping: Equatable {
    var start: Int
    var end: Int
    /// `r-xp`, `r--p`, `rw-s`, …
    var permissions: String
    /// The mapped file's path; empty for anonymous memory, `[heap]` / `[stack]` for those.
    var path: String
    var residentBytes = 0
    var anonymousBytes = 0

    /// Private, not writable, backed by a file, resident, and unmodified.
    var isReleasable: Bool {
        let flags = Array(permissions.utf8)
        return flags.count == 4 && flags[1] != UInt8(ascii: "w") && flags[3] == UInt8(ascii: "p")
            && path.hasPrefix("/") && residentBytes > 0 && anonymousBytes == 0
    }

    /// The mappings of an smaps text, in order. Lines it does not know are skipped.
    static func parse(_ text: String) -> [SmapsMapping] {
        var mappings: [SmapsMapping] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if let header = header(line) {
                mappings.append(header)
            } else if !mappings.isEmpty, let (key, kilobytes) = sizeField(line) {
                switch key {
                case "Rss": mappings[mappings.count - 1].residentBytes = kilobytes * 1024
                case "Anonymous": mappings[mappings.count - 1].anonymousBytes = kilobytes * 1024
                default: break
                }
            }
        }
        return mappings
    }

    /// `55d0c0a00000-55d0c0b00000 r-xp 00000000 fd:01 1234   /usr/bin/edgewise`
    private static func header(_ line: Substring) -> SmapsMapping? {
        let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard fields.count >= 5, fields[1].count == 4 else { return nil }
        let range = fields[0].split(separator: "-")
        guard range.count == 2, let start = Int(range[0], radix: 16), let end = Int(range[1], radix: 16) else { return nil }
        let path = fields.count == 6 ? String(fields[5].drop(while: { $0 == " " })) : ""
        return SmapsMapping(start: start, end: end, permissions: String(fields[1]), path: path)
    }

    /// `Rss:                 120 kB` → ("Rss", 120).
    private static func sizeField(_ line: Substring) -> (Substring, Int)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let rest = line[line.index(after: colon)...].split(separator: " ", omittingEmptySubsequences: true)
        guard rest.count == 2, rest[1] == "kB", let kilobytes = Int(rest[0]) else { return nil }
        return (line[..<colon], kilobytes)
    }
}
