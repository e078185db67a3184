import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ImageCodecs
import Testing
import TestSupport

@Suite struct FileAccessTests {
    /// Many tasks writing the same file at once (a batch storing one blob from several
    /// jobs) all succeed, the file holds one whole write, and no temporary file is left.
    @Test func concurrentWritesOfOneFileAllSucceed() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("blob").path
            let bytes = [UInt8](repeating: 7, count: 1 << 20)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<16 { group.addTask { try FileAccess.write(bytes, to: path) } }
                try await group.waitForAll()
            }
            #expect(try FileAccess.read(path) == bytes)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["blob"])
        }
    }

    /// Inputs that never end or block are refused before any read (issue 18): a FIFO with
    /// no writer (which used to hang), /dev/zero (which used to read forever), and a
    /// sparse file over the byte limit (which used to be read whole first).
    @Test func streamsAndOversizedFilesAreRefusedUnread() throws {
        try withTemporaryDirectory { directory in
            let fifo = directory.appendingPathComponent("pipe.png").path
            #expect(mkfifo(fifo, 0o600) == 0)
            #expect(throws: FileAccessError.notARegularFile(path: fifo, kind: "a FIFO (named pipe)")) { try FileAccess.read(fifo) }
            #expect(throws: FileAccessError.notARegularFile(path: "/dev/zero", kind: "a device")) { try FileAccess.read("/dev/zero") }
            let sparse = directory.appendingPathComponent("sparse.png").path
            #expect(FileManager.default.createFile(atPath: sparse, contents: nil))
            #expect(truncate(sparse, 4 << 20) == 0)
            #expect(throws: FileAccessError.tooLarge(path: sparse, bytes: 4 << 20, limit: 1 << 20)) { try FileAccess.read(sparse, limit: 1 << 20) }
            // Where a stream is allowed (a key file), it is read, and stops at the limit.
            #expect(throws: FileAccessError.tooLarge(path: "/dev/zero", bytes: 65_536, limit: 10)) {
                try FileAccess.read("/dev/zero", limit: 10, allowStreams: true)
            }
        }
    }

    /// Writes keep what the target is (issue 18): a 0600 file stays 0600, a symbolic link
    /// stays a link to the rewritten file, /dev/null stays a device, and a 255-byte name
    /// can be written (the temporary name is short then); no temporary file is left.
    @Test func writesKeepTheTargetsKindAndMode() throws {
        try withTemporaryDirectory { directory in
            let secret = directory.appendingPathComponent("secret.png").path
            try FileAccess.write([1], to: secret)
            #expect(chmod(secret, 0o600) == 0)
            try FileAccess.write([2, 2], to: secret)
            #expect((try FileManager.default.attributesOfItem(atPath: secret)[.posixPermissions] as? Int) == 0o600)
            let link = directory.appendingPathComponent("link.png").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: secret)
            try FileAccess.write([3, 3, 3], to: link)
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == secret)
            #expect(try FileAccess.read(secret) == [3, 3, 3])
            try FileAccess.write([4], to: "/dev/null")
            var info = stat()
            #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
            let long = directory.appendingPathComponent(String(repeating: "n", count: 251) + ".png").path
            try FileAccess.write([5], to: long)
            #expect(try FileAccess.read(long) == [5])
            // A hard-linked file is rewritten in place: both names see the new bytes.
            let second = directory.appendingPathComponent("second-name.png").path
            #expect(Glibc.link(secret, second) == 0)
            try FileAccess.write([6, 6], to: secret)
            #expect(try FileAccess.read(second) == [6, 6])
            var first = stat(), other = stat()
            #expect(stat(secret, &first) == 0 && stat(second, &other) == 0 && first.st_ino == other.st_ino && first.st_nlink == 2)
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
            #expect(left.isEmpty, "\(left)")
        }
    }
}
