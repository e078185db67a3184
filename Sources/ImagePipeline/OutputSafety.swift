import ImageCodecs

/// The rule every command applies before it writes: no output is the same file as an
/// input (unless the user allows it) or as another output. "The same file" is the same
/// device and inode when both exist (so `./a.jpg`, `a.jpg` and a hard link match), or
/// the same resolved path.
public enum OutputSafety {
    /// A file a command reads or writes, and its role in the messages ("the input image",
    /// "--heatmap").
    public typealias File = (path: String, role: String)

    /// `advice` replaces the default hint for an output that is an input (for outputs
    /// `--overwrite` does not cover).
    ///
    /// - Throws: `PipelineError.outputCollision` naming the output, the file it would
    ///   replace and how to avoid it.
    public static func check(inputs: [File], outputs: [File], overwriteInputs: Bool = false, advice: String? = nil) throws(PipelineError) {
        for (index, output) in outputs.enumerated() {
            if !overwriteInputs {
                for input in inputs where FilePath.sameFile(output.path, input.path) {
                    throw .outputCollision(path: output.path, what: output.role, other: input.role,
                                           advice: advice ?? "write somewhere else, or pass --overwrite to replace the input")
                }
            }
            for other in outputs[..<index] where FilePath.sameFile(output.path, other.path) {
                throw .outputCollision(path: output.path, what: output.role, other: other.role, advice: "give each output its own file")
            }
        }
    }
}
