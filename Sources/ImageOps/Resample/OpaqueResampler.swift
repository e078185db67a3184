import ImageCore

/// The fast path for opaque RGBA8 in sRGB values, one output row at a time:
/// - vertical: the row's source rows weighted into one reusable Float row, one weight
///   per source row, four source rows per sweep (plain loops that LLVM vectorises; on
///   the x86-64 baseline, float multiply-add is faster than 32-bit integer multiply);
/// - horizontal: SIMD4<Float> per output pixel over that row.
/// No full-size intermediate is allocated. Weights sum to 1, so alpha stays 255.
enum OpaqueResampler {
    static func resample(_ source: PixelBuffer, region: PixelRect, to size: PixelSize, horizontal: ResampleWeights, vertical: ResampleWeights) -> PixelBuffer {
        let outWidth = size.width, outHeight = size.height
        let rowValues = region.width * 4
        return PixelBuffer(width: outWidth, height: outHeight, format: .rgba8) { destination, destinationStride in
            let accumulator = UnsafeMutablePointer<Float>.allocate(capacity: rowValues)
            let outputRow = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: outWidth)
            defer { accumulator.deallocate(); outputRow.deallocate() }
            source.withUnsafeBytes { bytes in
                vertical.float.withUnsafeBufferPointer { verticalWeights in
                    horizontal.float.withUnsafeBufferPointer { weights in
                        horizontal.start.withUnsafeBufferPointer { starts in
                            horizontal.count.withUnsafeBufferPointer { counts in
                                let taps = horizontal.stride
                                func sourceRow(_ y: Int) -> UnsafePointer<UInt8> {
                                    (bytes.baseAddress! + (region.y + y) * source.bytesPerRow + region.x * 4).assumingMemoryBound(to: UInt8.self)
                                }
                                for y in 0..<outHeight {
                                    // Vertical: weighted sum of source rows, four at a time.
                                    accumulator.update(repeating: 0, count: rowValues)
                                    let start = vertical.start[y], w = verticalWeights.baseAddress! + y * vertical.stride
                                    let n = vertical.count[y]
                                    var k = 0
                                    while k + 4 <= n {
                                        let r0 = sourceRow(start + k), r1 = sourceRow(start + k + 1), r2 = sourceRow(start + k + 2), r3 = sourceRow(start + k + 3)
                                        let w0 = w[k], w1 = w[k + 1], w2 = w[k + 2], w3 = w[k + 3]
                                        for i in 0..<rowValues {
                                            accumulator[i] += Float(r0[i]) * w0 + Float(r1[i]) * w1 + Float(r2[i]) * w2 + Float(r3[i]) * w3
                                        }
                                        k += 4
                                    }
                                    while k < n {
                                        let r0 = sourceRow(start + k), w0 = w[k]
                                        for i in 0..<rowValues { accumulator[i] += Float(r0[i]) * w0 }
                                        k += 1
                                    }
                                    // Horizontal: taps over the accumulated row.
                                    let row = UnsafeRawPointer(accumulator)
                                    for x in 0..<outWidth {
                                        var acc = SIMD4<Float>.zero
                                        let pixels = row + starts[x] * 16, w = weights.baseAddress! + x * taps
                                        for k in 0..<counts[x] {
                                            acc += pixels.loadUnaligned(fromByteOffset: k * 16, as: SIMD4<Float>.self) * w[k]
                                        }
                                        outputRow[x] = acc
                                    }
                                    // Clamp and round (adding 2^23 leaves the nearest integer in the low
                                    // mantissa bits): one flat loop over all values, which LLVM vectorises.
                                    let values = UnsafeRawPointer(outputRow).assumingMemoryBound(to: Float.self)
                                    let out = (destination.baseAddress! + y * destinationStride).assumingMemoryBound(to: UInt8.self)
                                    for i in 0..<outWidth * 4 {
                                        out[i] = UInt8(truncatingIfNeeded: (min(max(values[i], 0), 255) + 8_388_608).bitPattern)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
