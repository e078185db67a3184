// swift-tools-version: 6.1
// Benchmarks live in their own package so the root package never resolves
// package-benchmark. Run: `swift package benchmark` in this folder.
import PackageDescription

/// One benchmark suite: an executable target under Benchmarks/<name>.
func suite(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "package-benchmark")]
            + products.map { .product(name: $0, package: "Retouch") },
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    )
}

let package = Package(
    name: "RetouchBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Retouch", path: "../"),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        suite("Codecs", ["ImageCodecs", "ImageCore"]),
        suite("Resample", ["ImageOps", "ImageCore"]),
        suite("Masks", ["ImageOps", "ImageCore"]),
        suite("Compare", ["ImageOps", "ImageCore"]),
        suite("Cutout", ["ImageOps", "ImageCore"]),
    ],
    swiftLanguageModes: [.v6]
)
