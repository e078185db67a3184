// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every Swift target, declared once so a relaxation is visible.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Retouch",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ImageCore", targets: ["ImageCore"]),
        .library(name: "ImageCodecs", targets: ["ImageCodecs"]),
        .library(name: "ImageOps", targets: ["ImageOps"]),
        .library(name: "ImagePipeline", targets: ["ImagePipeline"]),
        .library(name: "EditProviders", targets: ["EditProviders"]),
        .library(name: "EditHistory", targets: ["EditHistory"]),
        .library(name: "RetouchCLI", targets: ["RetouchCLI"]),
        .executable(name: "retouch", targets: ["retouch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        // The HTTP transport of EditProviders (and NIO for the tests' fake servers).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The workspace manifest of EditHistory.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // System libraries: module map + shim header only.
        .systemLibrary(
            name: "CPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        .systemLibrary(
            name: "CJPEG", pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg-dev"]), .brew(["jpeg-turbo"])]),
        .systemLibrary(
            name: "CWebP", pkgConfig: "libwebpdemux",
            providers: [.apt(["libwebp-dev"]), .brew(["webp"])]),
        .systemLibrary(
            name: "CDeflate", pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
        .systemLibrary(
            name: "CLCMS2", pkgConfig: "lcms2",
            providers: [.apt(["liblcms2-dev"]), .brew(["little-cms2"])]),

        // The only C we write: each entry point owns its setjmp.
        .target(name: "CJPEGShims", dependencies: ["CJPEG"]),
        .target(name: "CPNGShims", dependencies: ["CPNG"]),
        .target(name: "CFileShims"),

        .target(name: "ImageCore", swiftSettings: swiftSettings),
        .target(
            name: "ImageOps",
            dependencies: ["ImageCore", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: swiftSettings),
        .target(name: "ImagePipeline", dependencies: ["ImageCore", "ImageCodecs", "ImageOps"], swiftSettings: swiftSettings),
        .target(
            name: "EditProviders",
            dependencies: [
                "ImageCore", "ImageCodecs", "ImageOps", "ImagePipeline",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "EditHistory",
            dependencies: ["ImageCore", "ImageCodecs", "ImageOps", "ImagePipeline", "EditProviders", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        .target(
            name: "ImageCodecs",
            dependencies: ["ImageCore", "CPNGShims", "CJPEGShims", "CFileShims", "CWebP", "CDeflate", "CLCMS2"],
            swiftSettings: swiftSettings),
        .target(
            name: "RetouchCLI",
            dependencies: [
                "ImageCore", "ImageCodecs", "ImageOps", "ImagePipeline", "EditProviders", "EditHistory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(name: "retouch", dependencies: ["RetouchCLI"], swiftSettings: swiftSettings),

        // Fixtures and conformance data are read from the source tree (Paths.swift).
        .target(
            name: "TestSupport", dependencies: ["ImageCore", "ImageCodecs"],
            path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "ImageCoreTests", dependencies: ["ImageCore", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ImageOpsTests", dependencies: ["ImageCore", "ImageOps", "ImageCodecs", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ImagePipelineTests", dependencies: ["ImagePipeline", "ImageCore", "ImageOps", "ImageCodecs", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "EditProvidersTests",
            dependencies: [
                "EditProviders", "ImagePipeline", "ImageCore", "ImageOps", "ImageCodecs", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "EditHistoryTests",
            dependencies: ["EditHistory", "EditProviders", "ImagePipeline", "ImageCore", "ImageCodecs", "TestSupport",
                           .product(name: "GRDB", package: "GRDB.swift"),
                           // The browser check talks to chromedriver (URLSession on Linux fails on localhost).
                           .product(name: "AsyncHTTPClient", package: "async-http-client")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ImageCodecsTests", dependencies: ["ImageCore", "ImageCodecs", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "RetouchCLITests",
            dependencies: ["RetouchCLI", "EditHistory", "ImagePipeline", "ImageCodecs", "TestSupport", "retouch"],
            swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
