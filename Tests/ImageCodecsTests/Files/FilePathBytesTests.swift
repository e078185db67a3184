import ImageCodecs
import Testing

/// File names as bytes: any byte string survives the trip into a path and back, valid
/// UTF-8 stays as it is, and only what is not UTF-8 becomes escape scalars.
@Suite struct FilePathBytesTests {
    @Test func anyBytesSurviveTheRoundTrip() {
        var generator = SplitMix(seed: 7)
        // Random bytes biased to the awkward ones: continuation bytes, F4, 8F, BE/BF, NUL-free.
        let alphabet: [UInt8] = [0x61, 0x2F, 0x2E, 0xC3, 0xA9, 0xE9, 0xFF, 0x80, 0xBF, 0xF4, 0x8F, 0xBE, 0xF0, 0x9F, 0x98, 0x80, 0xED, 0xA0, 0xC0, 0xC1]
        for _ in 0..<5000 {
            let length = Int(generator.next() % 12)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let path = FilePath.string(fromBytes: bytes)
            #expect(FilePath.bytes(of: path) == bytes, "\(bytes)")
            #expect(FilePath.hasRawBytes(path) == (String(validating: bytes, as: UTF8.self) == nil || path.utf8.elementsEqual(bytes) == false))
        }
    }

    @Test func validNamesAreUnchanged() {
        for name in ["coffee.png", "café/ünïcödé 😀.jpg", "a\u{10FF7F}b", ""] {
            #expect(FilePath.string(fromBytes: Array(name.utf8)) == name)
            #expect(!FilePath.hasRawBytes(name) && FilePath.bytes(of: name) == Array(name.utf8))
        }
    }

    @Test func latin1BytesBecomeEscapesAndAnEscapeScalarInAValidNameIsEscapedToo() {
        let latin1 = FilePath.string(fromBytes: Array("caf".utf8) + [0xE9])
        #expect(latin1.unicodeScalars.map(\.value) == [0x63, 0x61, 0x66, 0x10_FFE9])
        let tricky = "x\u{10FF80}"   // valid UTF-8 F4 8F BE 80 that looks like an escape
        let path = FilePath.string(fromBytes: Array(tricky.utf8))
        #expect(path != tricky && FilePath.bytes(of: path) == Array(tricky.utf8))
    }
}

/// A small deterministic generator (SplitMix64).
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
