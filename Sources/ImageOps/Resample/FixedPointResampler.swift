import ImageCore

/// The fast path for opaque RGBA8 in sRGB values, one output row at a time:
/// - vertical: the row's source rows weighted into one reusable Int16 row (6 fraction
///   bits), one weight per source row, so plain loops that LLVM vectorises;
/// - horizontal: SIMD4<Int32> per output pixel over that row.
/// No full-size intermediate is allocated. Weights are 14-bit fixed point. Agrees with
/// the float path within 1 level.
enum FixedPointResampler {
    static let intermediateShift: Int32 = 6

    static func resample(_ source: PixelBuffer, region: PixelRect, to size: PixelSize, horizontal: ResampleWeights, vertical: ResampleWeights) -> PixelBuffer {
        let outWidth = size.width, outHeight = size.height
        let rowValues = region.width * 4
        let shiftDown = ResampleWeights.fixedShift - intermediateShift
        let totalShift = ResampleWeights.fixedShift + intermediateShift
        let round2 = SIMD4<Int32>(repeating: 1 << (totalShift - 1))
        let opaque = SIMD4<Int32>(0, 0, 0, 255)
        let colourMask = SIMD4<Int32>(-1, -1, -1, 0)
        return PixelBuffer(width: outWidth, height: outHeight, format: .rgba8) { destination, destinationStride in
            let accumulator = UnsafeMutablePointer<Int32>.allocate(capacity: rowValues)
            let intermediate = UnsafeMutablePointer<Int16>.allocate(capacity: rowValues)
            defer { accumulator.deallocate(); intermediate.deallocate() }
            let rounding = Int32(1) << (shiftDown - 1)
            source.withUnsafeBytes { bytes in
                vertical.fixed.withUnsafeBufferPointer { verticalWeights in
                    horizontal.fixed.withUnsafeBufferPointer { weights in
                        horizontal.start.withUnsafeBufferPointer { starts in
                            horizontal.count.withUnsafeBufferPointer { counts in
                                let taps = horizontal.stride
                                for y in 0..<outHeight {
                                    // Vertical: weighted sum of source rows.
                                    accumulator.update(repeating: rounding, count: rowValues)
                                    let start = vertical.start[y], w = y * vertical.stride
                                    for k in 0..<vertical.count[y] {
                                        let weight = verticalWeights[w + k]
                                        let row = (bytes.baseAddress! + (region.y + start + k) * source.bytesPerRow + region.x * 4).assumingMemoryBound(to: UInt8.self)
                                        for i in 0..<rowValues { accumulator[i] &+= Int32(row[i]) &* weight }
                                    }
                                    for i in 0..<rowValues { intermediate[i] = Int16(truncatingIfNeeded: accumulator[i] &>> shiftDown) }
                                    // Horizontal: taps over the intermediate row.
                                    let row = UnsafeRawPointer(intermediate)
                                    let out = (destination.baseAddress! + y * destinationStride).assumingMemoryBound(to: SIMD4<UInt8>.self)
                                    for x in 0..<outWidth {
                                        var acc = round2
                                        let pixels = row + starts[x] * 8, w = weights.baseAddress! + x * taps
                                        for k in 0..<counts[x] {
                                            let pixel = pixels.loadUnaligned(fromByteOffset: k * 8, as: SIMD4<Int16>.self)
                                            acc &+= SIMD4<Int32>(truncatingIfNeeded: pixel) &* w[k]
                                        }
                                        let value = (acc &>> totalShift).clamped(lowerBound: .zero, upperBound: SIMD4(repeating: 255))
                                        out[x] = SIMD4<UInt8>(truncatingIfNeeded: (value & colourMask) | opaque)
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
