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
        exit(await RetouchMain.run(arguments: Array(CommandLine.arguments.dropFirst())))
    }
}
