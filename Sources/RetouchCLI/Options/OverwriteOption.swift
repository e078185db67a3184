import ArgumentParser

/// `--overwrite`: let an output replace one of the command's input files.
struct OverwriteOption: ParsableArguments {
    @Flag(name: .long, help: "Allow an output to replace an input file (refused by default).") var overwrite = false
}
