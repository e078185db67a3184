// swift-tools-version: 6.1
// libFuzzer targets in their own package, so the root package never builds them without
// the fuzzer runtime. Build and run one with `scripts/fuzz.sh TARGET SECONDS` (it passes
// `-sanitize=fuzzer,address -parse-as-library`; libFuzzer supplies `main`).
import PackageDescription

/// One fuzz target: an executable whose only entry point is `LLVMFuzzerTestOneInput`.
func target(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: products.map { .product(name: $0, package: "Retouch") },
        path: "Sources/\(name)"
    )
}

let package = Package(
    name: "RetouchFuzz",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fuzz-decode", targets: ["FuzzDecode"]),
        .executable(name: "fuzz-shapes", targets: ["FuzzShapes"]),
        .executable(name: "fuzz-batch", targets: ["FuzzBatch"]),
        .executable(name: "fuzz-providers", targets: ["FuzzProviders"]),
    ],
    dependencies: [.package(name: "Retouch", path: "../")],
    targets: [
        target("FuzzDecode", ["ImageCodecs", "ImageCore"]),
        target("FuzzShapes", ["ImagePipeline", "ImageOps", "ImageCore"]),
        target("FuzzBatch", ["EditHistory"]),
        target("FuzzProviders", ["EditProviders", "ImageCodecs", "ImageCore"]),
    ],
    swiftLanguageModes: [.v6]
)
