// swift-tools-version: 6.2
import PackageDescription

/// Edgewise: an IoT edge gateway.
///
/// The targets mirror the architecture (see docs/architecture.md):
/// - `EdgewiseCore`: pure model code — units, durations, sizes, rule expressions, events. No I/O, no C.
/// - `EdgewiseConfig`: YAML config directory → typed, validated configuration with file:line:column errors.
/// - `CMosquitto`, `CModbus`, `CSQLite`, `CYAML`: thin system-library shims, each imported by exactly one Swift module.
/// - `EdgewiseMQTT`, `EdgewiseModbus`, `EdgewiseStore`: Swift types over those C libraries.
/// - `EdgewiseRuntime`: services and wiring for the daemon.
/// - `edgewise`: the command line, one file per subcommand.
/// - `EdgewiseTesting`: shared test support (temporary config directories, child processes).
let package = Package(
    name: "edgewise",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "edgewise", targets: ["edgewise"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // MARK: C libraries (found with pkg-config)
        .systemLibrary(name: "CMosquitto", pkgConfig: "libmosquitto", providers: [.apt(["libmosquitto-dev"])]),
        .systemLibrary(name: "CModbus", pkgConfig: "libmodbus", providers: [.apt(["libmodbus-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // libyaml directly, not Yams (its Swift wrapper): Yams imports Foundation, which puts ICU's
        // ~45 MB into the statically linked binary (docs/performance.md, "Binary size").
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),

        // MARK: Pure core
        .target(name: "EdgewiseCore"),
        .target(
            name: "EdgewiseConfig",
            dependencies: ["CYAML", "EdgewiseCore", "EdgewiseSystem"]
        ),

        // MARK: Shells over the C libraries
        .target(name: "EdgewiseSystem"),
        .target(name: "EdgewiseMQTT", dependencies: ["CMosquitto", "EdgewiseSystem", .product(name: "Logging", package: "swift-log")]),
        .target(name: "EdgewiseModbus", dependencies: ["CModbus", "EdgewiseCore", "EdgewiseSystem", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "EdgewiseStore",
            dependencies: ["CSQLite", "EdgewiseCore", "EdgewiseSystem", .product(name: "Logging", package: "swift-log")]
        ),

        // MARK: Daemon
        .target(
            name: "EdgewiseRuntime",
            dependencies: [
                "EdgewiseCore", "EdgewiseConfig", "EdgewiseMQTT", "EdgewiseModbus", "EdgewiseStatus", "EdgewiseStore", "EdgewiseSystem",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The status endpoint: its own target, so that only what links it builds Hummingbird.
        .target(
            name: "EdgewiseStatus",
            dependencies: [
                "EdgewiseCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "edgewise",
            dependencies: [
                "EdgewiseRuntime", "EdgewiseConfig", "EdgewiseCore", "EdgewiseMQTT", "EdgewiseModbus", "EdgewiseStatus", "EdgewiseStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Benchmarks (scripts/bench builds and runs them in release mode)
        // Tables, percentiles and /proc readings the Swift benchmarks share.
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(
            name: "PipelineBenchmark",
            dependencies: ["EdgewiseConfig", "EdgewiseCore", "EdgewiseRuntime", "EdgewiseStatus", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/PipelineBenchmark"
        ),
        .executableTarget(
            name: "QueueBenchmark",
            dependencies: ["EdgewiseStore", "EdgewiseCore", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/QueueBenchmark"
        ),
        .executableTarget(
            name: "ModbusBenchmark",
            dependencies: [
                "BenchmarkSupport", "EdgewiseConfig", "EdgewiseCore", "EdgewiseModbus", "EdgewiseRuntime", "EdgewiseTesting",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/ModbusBenchmark"
        ),
        .executableTarget(
            name: "RulesBenchmark",
            dependencies: [
                "BenchmarkSupport", "EdgewiseConfig", "EdgewiseCore", "EdgewiseMQTT", "EdgewiseRuntime", "EdgewiseTesting",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/RulesBenchmark"
        ),

        // MARK: Tests
        .target(name: "EdgewiseTesting", dependencies: ["EdgewiseConfig", "EdgewiseCore"]),
        .testTarget(name: "EdgewiseMQTTTests", dependencies: ["EdgewiseMQTT", "EdgewiseTesting"]),
        .testTarget(name: "EdgewiseModbusTests", dependencies: ["EdgewiseModbus", "EdgewiseTesting"]),
        .testTarget(name: "EdgewiseCoreTests", dependencies: ["EdgewiseCore", "EdgewiseTesting"]),
        .testTarget(name: "EdgewiseConfigTests", dependencies: ["EdgewiseConfig", "EdgewiseTesting"]),
        .testTarget(
            name: "EdgewiseRuntimeTests",
            dependencies: [
                "EdgewiseRuntime", "EdgewiseTesting",
                .product(name: "Logging", package: "swift-log"), .product(name: "InMemoryLogging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "EdgewiseCLITests",
            dependencies: [
                "edgewise", "EdgewiseStatus", "EdgewiseTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "EdgewiseTestingTests", dependencies: ["EdgewiseTesting"]),
        .testTarget(
            name: "EdgewiseStatusTests",
            dependencies: [
                "EdgewiseStatus", "EdgewiseCore", "EdgewiseTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "EdgewiseStoreTests",
            dependencies: [
                "EdgewiseStore", "EdgewiseTesting", "QueueCrashPeer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ]
        ),
        // Appends to a queue until killed, for EdgewiseStoreTests' crash test.
        .executableTarget(
            name: "QueueCrashPeer",
            dependencies: ["EdgewiseStore", .product(name: "Logging", package: "swift-log")],
            path: "Tests/QueueCrashPeer"
        ),
    ],
    swiftLanguageModes: [.v6]
)
