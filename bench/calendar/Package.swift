// swift-tools-version: 6.1
// Benchmark of the working-day arithmetic, built in release mode against the main package.
import PackageDescription

let package = Package(
    name: "calendar-bench",
    dependencies: [.package(name: "nhacviec", path: "../..")],
    targets: [
        .executableTarget(
            name: "calendar-bench",
            dependencies: [.product(name: "NhacViecCore", package: "nhacviec")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
