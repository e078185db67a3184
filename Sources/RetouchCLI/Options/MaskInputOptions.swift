import ArgumentParser
import ImagePipeline

/// A mask read from a file, in either convention: shared by `prepare` and `diff`.
struct MaskInputOptions: ParsableArguments {
    @Option(name: .long, help: "Mask image (openai: alpha 0 = edit, or white = edit; detected).") var mask: String?
    @Option(name: .long, help: "How to read --mask: alpha (alpha 0 = edit) or luma (white = edit); default: detected.") var maskChannel: MaskImport.Channel?

    func validate() throws {
        if maskChannel != nil && mask == nil { throw ValidationError("--mask-channel needs --mask") }
    }
}
