/// A throwaway certificate authority and a server certificate it signed, made with the
/// `openssl` command in a temporary directory, for testing TLS against a real broker.
///
/// The server certificate names `127.0.0.1` (as CN and IP subject alternative name) and
/// `localhost` (DNS SAN), so clients can verify it properly instead of turning verification off.
/// Keys are P-256 (quick to generate); everything is valid for two days.
public struct TestCertificateAuthority: Sendable {
    /// The CA certificate (PEM): what clients trust.
    public let caFile: String
    /// The server certificate (PEM), signed by the CA.
    public let serverCertificateFile: String
    /// The server's private key (PEM, unencrypted).
    public let serverKeyFile: String
    /// Keeps the files alive.
    private let directory: TemporaryDirectory

    /// The `openssl` program (Debian's `openssl` package).
    public static let openssl = "/usr/bin/openssl"

    /// Generates the CA and the server certificate.
    ///
    /// - Throws: ``CommandError`` if `openssl` fails, ``SystemCallError`` if it cannot run.
    public static func generate() async throws -> TestCertificateAuthority {
        let directory = try TemporaryDirectory(prefix: "edgewise-tls")
        let path = directory.path
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try await run([
            "req", "-x509", "-days", "2", "-subj", "/CN=Edgewise Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout", "\(path)/ca.key", "-out", "\(path)/ca.crt",
        ] + key)
        try await run(["req", "-new", "-subj", "/CN=127.0.0.1", "-keyout", "\(path)/server.key", "-out", "\(path)/server.csr"] + key)
        let extensions = try directory.write(
            """
            basicConstraints = CA:FALSE
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = IP:127.0.0.1, DNS:localhost

            """, to: "server.ext")
        try await run([
            "x509", "-req", "-days", "2", "-in", "\(path)/server.csr", "-CA", "\(path)/ca.crt", "-CAkey", "\(path)/ca.key",
            "-CAcreateserial", "-extfile", extensions, "-out", "\(path)/server.crt",
        ])
        return TestCertificateAuthority(
            caFile: "\(path)/ca.crt", serverCertificateFile: "\(path)/server.crt", serverKeyFile: "\(path)/server.key",
            directory: directory)
    }

    private static func run(_ arguments: [String]) async throws {
        let result = try await ChildProcess.run(openssl, arguments: arguments)
        guard result.status == 0 else {
            throw CommandError(
                command: "openssl " + arguments.joined(separator: " "), status: result.status, output: result.standardError)
        }
    }
}
