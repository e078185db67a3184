public import ArgumentParser
public import EditProviders
public import ImageOps
public import ImagePipeline

// The library's option enums, read from the command line by their raw values (the help
// lists them).
extension ResampleFilter: ExpressibleByArgument {}
extension FitMode: ExpressibleByArgument {}
extension FeatherMode: ExpressibleByArgument {}
extension FeatherCompatibility: ExpressibleByArgument {}
extension MaskConvention: ExpressibleByArgument {}
extension CutoutOptions.Holes: ExpressibleByArgument {}
extension CutoutOptions.Shadows: ExpressibleByArgument {}
extension MaskImport.Channel: ExpressibleByArgument {}
extension PasteBack.Blend: ExpressibleByArgument {}
extension EditQuality: ExpressibleByArgument {}
extension EditFormat: ExpressibleByArgument {}
extension EditBackground: ExpressibleByArgument {}
extension InputFidelity: ExpressibleByArgument {}

extension PadColor: ExpressibleByArgument {
    /// `auto`, `transparent` or `#RRGGBB`.
    public init?(argument: String) {
        self.init(text: argument)
    }
}
