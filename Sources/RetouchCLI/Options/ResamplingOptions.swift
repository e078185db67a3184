import ArgumentParser
import ImageOps

/// Resampling flags shared by `resize` and `prepare`.
struct ResamplingOptions: ParsableArguments {
    @Option(name: .long, help: "Resampling filter.") var filter: ResampleFilter = .lanczos3
    @Flag(name: .long, help: "Resample in linear light.") var linear = false
    @Flag(name: .long, help: "Decode JPEGs at full size even when a DCT-scaled decode would do.") var noShrinkOnLoad = false

    var resample: ResampleOptions { ResampleOptions(filter: filter, linearLight: linear) }
}
