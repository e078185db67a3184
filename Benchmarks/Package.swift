// swift-tools-version: 6.1
// Benchmarks live in their own package so the root package never resolves
// package-benchmark. Run: `swift package benchmark` in this folder.
import PackageDescription

let package = Package(
    name: "RetouchBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Retouch", path: "../"),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Codecs",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ImageCodecs", package: "Retouch"),
                .product(name: "ImageCore", package: "Retouch"),
            ],
            path: "Benchmarks/Codecs",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "Resample",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ImageOps", package: "Retouch"),
                .product(name: "ImageCore", package: "Retouch"),
            ],
            path: "Benchmarks/Resample",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
