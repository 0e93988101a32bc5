// swift-tools-version:5.3
import PackageDescription

let package = Package(
    name: "yaml-tool",
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "0.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "4.0.0"),
    ],
    targets: [
        .executableTarget(name: "yaml-tool", dependencies: ["Yams"]),
    ]
)
