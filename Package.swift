// swift-tools-version: 6.1
import PackageDescription

/// Every target is built with the same strictness: existentials are spelled `any`,
/// imports are internal unless re-exported on purpose, and members are visible only
/// through the module that declares them.
let strictness: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Tariff",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TariffCore", targets: ["TariffCore"]),
        .library(name: "TariffYAML", targets: ["TariffYAML"]),
        .library(name: "TariffBilling", targets: ["TariffBilling"]),
        .executable(name: "tariff", targets: ["tariff"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "TariffCore", swiftSettings: strictness),
        .target(
            name: "TariffYAML",
            dependencies: ["TariffCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictness
        ),
        .target(name: "TariffBilling", dependencies: ["TariffCore"], swiftSettings: strictness),
        .executableTarget(
            name: "tariff",
            dependencies: [
                "TariffCore", "TariffYAML", "TariffBilling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictness
        ),
        .testTarget(name: "TariffCoreTests", dependencies: ["TariffCore"], swiftSettings: strictness),
        .testTarget(
            name: "TariffYAMLTests",
            dependencies: ["TariffYAML", "TariffCore"],
            exclude: ["Fixtures"],
            swiftSettings: strictness
        ),
        .testTarget(
            name: "TariffBillingTests",
            dependencies: ["TariffBilling", "TariffYAML", "TariffCore"],
            swiftSettings: strictness
        ),
        .testTarget(
            name: "TariffCLITests",
            dependencies: ["tariff", "TariffBilling", "TariffYAML", "TariffCore",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            exclude: ["BadInputs"],   // fixtures read from disk by path, not resources
            swiftSettings: strictness
        ),
    ]
)
