// swift-tools-version: 6.1
// Delivery benchmark (issue 4, part 8): the real SMTP and webhook transports against loopback servers,
// built in release mode against the main package.
import PackageDescription

let package = Package(
    name: "delivery-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "nhacviec", path: "../..")],
    targets: [
        .executableTarget(
            name: "delivery-bench",
            dependencies: [
                .product(name: "NhacViecCore", package: "nhacviec"),
                .product(name: "NhacViecDelivery", package: "nhacviec"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
