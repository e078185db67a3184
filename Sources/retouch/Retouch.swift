import Foundation
import RetouchCLI

@main
enum Retouch {
    static func main() async {
        exit(await RetouchMain.run(arguments: Array(CommandLine.arguments.dropFirst())))
    }
}
