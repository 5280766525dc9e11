// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "nhacviec",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nhacviec", targets: ["nhacviec"]),
        .executable(name: "calendar-bench", targets: ["calendar-bench"]),
        .executable(name: "delivery-bench", targets: ["delivery-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        // Pure domain: config model, calendar, schedule, reminder planning, rendering. No I/O.
        .target(
            name: "NhacViecCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Adapter: reads Config/ files from disk, expands include globs.
        .target(
            name: "NhacViecConfigFiles",
            dependencies: ["NhacViecCore"]
        ),
        // Adapter: reads plan documents (.docx through ZIPFoundation and XMLParser, .pdf through pdftotext,
        // .txt/.md/.html) into the blocks that NhacViecCore's importer drafts a plan from.
        .target(
            name: "NhacViecImport",
            dependencies: ["NhacViecCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The subcommands; the executable only calls into this.
        .target(
            name: "NhacViecCLI",
            dependencies: [
                "NhacViecCore",
                "NhacViecConfigFiles",
                "NhacViecDelivery",
                "NhacViecStore",
                "NhacViecService",
                "NhacViecSystemd", "NhacViecImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // libcurl, with typed wrappers for its variadic setopt/getinfo.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Adapter: MIME rendering and the SMTP, outbox and webhook transports.
        .target(
            name: "NhacViecDelivery",
            dependencies: ["CCurl", "NhacViecCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Adapter: the durable delivery ledger in state_dir/state.sqlite (SQLite in WAL mode via GRDB).
        .target(
            name: "NhacViecStore",
            dependencies: ["NhacViecCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Adapter: sd_notify over $NOTIFY_SOCKET and the journal-aware swift-log handler.
        .target(
            name: "NhacViecSystemd",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        // Adapter: the daemon — one delivery pass, the scheduling loop, reloads and systemd notifications.
        .target(
            name: "NhacViecService",
            dependencies: [
                "NhacViecCore", "NhacViecConfigFiles", "NhacViecDelivery", "NhacViecStore", "NhacViecSystemd",
                "NhacViecHTTP",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Adapter: nhacviec's own web server (acknowledgement links, calendar feeds) and the operator's listener
        // (Prometheus metrics, health), built by factories that tests call too.
        .target(
            name: "NhacViecHTTP",
            dependencies: [
                "NhacViecCore", "NhacViecStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(name: "nhacviec", dependencies: ["NhacViecCLI"]),
        // Benchmarks (bench/README.md), built in release mode by bench/*/run.sh; inside the package so that
        // they reach the modules' `package` API without library products.
        .executableTarget(
            name: "calendar-bench", dependencies: ["NhacViecCore"], path: "bench/calendar/Sources/calendar-bench"),
        .executableTarget(
            name: "delivery-bench", dependencies: ["NhacViecCore", "NhacViecDelivery"],
            path: "bench/delivery/Sources/delivery-bench"),
        .testTarget(name: "NhacViecCoreTests", dependencies: ["NhacViecCore"]),
        .testTarget(name: "NhacViecSystemdTests", dependencies: ["NhacViecSystemd"]),
        .testTarget(
            name: "NhacViecServiceTests",
            dependencies: [
                "NhacViecCore", "NhacViecStore", "NhacViecService", "NhacViecDelivery", "NhacViecConfigFiles",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "NhacViecDeliveryTests", dependencies: ["NhacViecDelivery", "NhacViecCore"]),
        .testTarget(
            name: "NhacViecHTTPTests",
            dependencies: [
                "NhacViecHTTP", "NhacViecCore", "NhacViecStore", "NhacViecConfigFiles",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "NhacViecStoreTests",
            dependencies: ["NhacViecStore", "NhacViecCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "NhacViecImportTests",
            dependencies: [
                "NhacViecImport", "NhacViecCore", "NhacViecConfigFiles",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "NhacViecCLITests",
            dependencies: ["NhacViecCore", "NhacViecConfigFiles", "NhacViecCLI"]
        ),
    ]
)

// Strict settings on every target, set once (see swift-log's Package.swift).
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ])
    target.swiftSettings = settings
}
