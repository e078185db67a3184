import ImageCodecs
public import ImageCore

/// The pixels of an image file as stored (not oriented): the tests' one decode helper.
public func decodedFile(_ path: String) throws -> PixelBuffer {
    try ImageCodec.decode(try FileAccess.read(path)).pixels
}
