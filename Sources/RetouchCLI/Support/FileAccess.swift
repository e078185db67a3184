import Foundation

/// The CLI's file I/O: whole-file reads, atomic writes (temporary file + rename).
enum FileAccess {
    static func read(_ path: String) throws(CLIError) -> [UInt8] {
        let url = URL(fileURLWithPath: path)
        do {
            let data = try Data(contentsOf: url, options: .mappedIfSafe)
            return [UInt8](data)
        } catch {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw .cannotRead(path: path, reason: "no such file")
            }
            if isDirectory.boolValue { throw .cannotRead(path: path, reason: "is a directory") }
            throw .cannotRead(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws(CLIError) {
        let url = URL(fileURLWithPath: path)
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            let directory = url.deletingLastPathComponent().path
            if !FileManager.default.fileExists(atPath: directory) {
                throw .cannotWrite(path: path, reason: "directory \(directory) does not exist")
            }
            throw .cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    static func createDirectory(_ path: String) throws(CLIError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
