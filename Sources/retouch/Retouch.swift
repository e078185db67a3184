#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RetouchCLI

@main
enum Retouch {
    static func main() async {
        RetouchMain.installSignalHandlers()
        // The raw bytes: CommandLine.arguments would have replaced invalid UTF-8 already.
        let argv = (1..<Int(CommandLine.argc)).map { index in
            CommandLine.unsafeArgv[index].map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) } ?? []
        }
        exit(await RetouchMain.run(argv: argv))
    }
}
