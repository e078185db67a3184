import Foundation
import ImageCodecs
import ImageCore
import Testing
import TestSupport

/// The committed generated fixtures match their generator (exact pixels for lossless
/// files, within JPEG noise otherwise); `REGENERATE_FIXTURES=1` rewrites them.
@Suite struct FixtureTests {
    @Test func committedFixturesMatchTheGenerator() throws {
        let regenerate = ProcessInfo.processInfo.environment["REGENERATE_FIXTURES"] == "1"
        for fixture in try FixtureGenerator.fixtures() {
            let url = Paths.fixtures.appendingPathComponent(fixture.path)
            if regenerate {
                try Data(fixture.bytes).write(to: url)
                continue
            }
            let committed = try #require(try? [UInt8](Data(contentsOf: url)), "missing fixture \(fixture.path)")
            if fixture.path.hasPrefix("corrupt/") || committed == fixture.bytes { continue }
            let a = try ImageCodec.decode(committed).pixels, b = try ImageCodec.decode(fixture.bytes).pixels
            let difference = ImageDifference(a, b)
            if fixture.lossless {
                #expect(difference.maxAbs == 0, "\(fixture.path): \(difference)")
            } else {
                #expect(difference.psnr > 45, "\(fixture.path): \(difference)")
            }
        }
    }

    @Test func everyCorruptFixtureThrows() throws {
        let folder = Paths.fixtures.appendingPathComponent("corrupt")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 9)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(throws: CodecError.self, "\(name)") { try ImageCodec.decode(bytes) }
        }
    }

    @Test func orientedFixtureIsUpright() throws {
        let bytes = [UInt8](try Data(contentsOf: Paths.fixtures.appendingPathComponent("inputs/coffee-orientation-6.jpg")))
        let image = try ImageCodec.decode(bytes)
        #expect(image.metadata.orientation == .rotate90Clockwise)
        #expect(image.metadata.width == 400 && image.metadata.height == 600)
        let original = try ImageCodec.decode([UInt8](try Data(contentsOf: Paths.fixtures.appendingPathComponent("inputs/coffee.png")))).pixels
        #expect(ImageDifference(image.upright(), original, channels: 3).psnr > 30)
    }
}
