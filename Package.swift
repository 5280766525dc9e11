// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "nhacviec",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nhacviec", targets: ["nhacviec"]),
        .library(name: "NhacViecCore", targets: ["NhacViecCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Pure domain: config model, calendar, schedule, reminder planning, rendering. No I/O.
        .target(
            name: "NhacViecCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Adapter: reads Config/ files from disk, expands include globs.
        .target(
            name: "NhacViecConfigFiles",
            dependencies: ["NhacViecCore"]
        ),
        // The subcommands; the executable only calls into this.
        .target(
            name: "NhacViecCLI",
            dependencies: [
                "NhacViecCore",
                "NhacViecConfigFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
        .executableTarget(name: "nhacviec", dependencies: ["NhacViecCLI"]),
        .testTarget(name: "NhacViecCoreTests", dependencies: ["NhacViecCore"]),
        .testTarget(name: "NhacViecSystemdTests", dependencies: ["NhacViecSystemd"]),
        .testTarget(name: "NhacViecDeliveryTests", dependencies: ["NhacViecDelivery", "NhacViecCore"]),
        .testTarget(name: "NhacViecStoreTests", dependencies: ["NhacViecStore", "NhacViecCore"]),
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
