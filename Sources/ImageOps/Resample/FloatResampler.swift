import ImageCore

/// The general path: premultiplied (optionally linear-light) SIMD4<Float> accumulation,
/// horizontal pass into a float buffer, then vertical pass.
enum FloatResampler {
    static func resample(_ source: PixelBuffer, region: PixelRect, to size: PixelSize, horizontal: ResampleWeights, vertical: ResampleWeights,
                         premultiply: Bool, linearLight: Bool) -> PixelBuffer {
        let inWidth = region.width, inHeight = region.height, outWidth = size.width
        var intermediate = [SIMD4<Float>](repeating: .zero, count: outWidth * inHeight)
        var row = [SIMD4<Float>](repeating: .zero, count: inWidth)
        let toLinear = SRGBTransfer.toLinear
        source.withUnsafeBytes { bytes in
            intermediate.withUnsafeMutableBufferPointer { inter in
                row.withUnsafeMutableBufferPointer { row in
                    for y in 0..<inHeight {
                        let base = (region.y + y) * source.bytesPerRow + region.x * 4
                        for x in 0..<inWidth {
                            let i = base + x * 4
                            var colour: SIMD4<Float>
                            if linearLight {
                                colour = SIMD4(toLinear[Int(bytes[i])], toLinear[Int(bytes[i + 1])], toLinear[Int(bytes[i + 2])], Float(bytes[i + 3]) / 255)
                            } else {
                                colour = SIMD4(Float(bytes[i]), Float(bytes[i + 1]), Float(bytes[i + 2]), Float(bytes[i + 3])) / 255
                            }
                            if premultiply {
                                let a = colour[3]
                                colour = SIMD4(colour[0] * a, colour[1] * a, colour[2] * a, a)
                            }
                            row[x] = colour
                        }
                        horizontal.float.withUnsafeBufferPointer { weights in
                            for x in 0..<outWidth {
                                var acc = SIMD4<Float>.zero
                                let start = horizontal.start[x], w = x * horizontal.stride
                                for k in 0..<horizontal.count[x] { acc += row[start + k] * weights[w + k] }
                                inter[y * outWidth + x] = acc
                            }
                        }
                    }
                }
            }
        }
        return PixelBuffer(width: size.width, height: size.height, format: .rgba8) { destination, destinationStride in
            var accumulator = [SIMD4<Float>](repeating: .zero, count: outWidth)
            intermediate.withUnsafeBufferPointer { inter in
                vertical.float.withUnsafeBufferPointer { weights in
                    for y in 0..<size.height {
                        for x in 0..<outWidth { accumulator[x] = .zero }
                        let start = vertical.start[y], w = y * vertical.stride
                        for k in 0..<vertical.count[y] {
                            let weight = weights[w + k], rowStart = (start + k) * outWidth
                            for x in 0..<outWidth { accumulator[x] += inter[rowStart + x] * weight }
                        }
                        let out = destination.baseAddress! + y * destinationStride
                        for x in 0..<outWidth {
                            var c = accumulator[x]
                            let a = min(max(c[3], 0), 1)
                            if premultiply {
                                if a > 0 { c = SIMD4(c[0] / a, c[1] / a, c[2] / a, a) } else { c = .zero }
                            }
                            let r, g, b: Float
                            if linearLight {
                                r = SRGBTransfer.fromLinear(c[0]); g = SRGBTransfer.fromLinear(c[1]); b = SRGBTransfer.fromLinear(c[2])
                            } else {
                                r = c[0] * 255; g = c[1] * 255; b = c[2] * 255
                            }
                            out.storeBytes(of: quantize(r), toByteOffset: x * 4, as: UInt8.self)
                            out.storeBytes(of: quantize(g), toByteOffset: x * 4 + 1, as: UInt8.self)
                            out.storeBytes(of: quantize(b), toByteOffset: x * 4 + 2, as: UInt8.self)
                            out.storeBytes(of: quantize(a * 255), toByteOffset: x * 4 + 3, as: UInt8.self)
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func quantize(_ value: Float) -> UInt8 {
        UInt8(min(max(value + 0.5, 0), 255))
    }
}
