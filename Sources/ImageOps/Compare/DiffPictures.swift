public import ImageCore

/// Pictures of a comparison: the ΔE00 heatmap with its legend, and A | B | heatmap.
public enum DiffPictures {
    /// Colour of the mask outline on the heatmap.
    public static let outlineColour = RGB8(red: 0, green: 220, blue: 255)

    /// Per-pixel ΔE00 through magma on a fixed scale 0…`scale`, over a faded greyscale of
    /// `a` (opacity min(1, ΔE / (0.3·scale)): unchanged pixels show A alone, small
    /// differences show faintly), the edge of the mask's inside region outlined (coverage
    /// > 0, as the metrics count it), and a legend strip below with the colour bar, its
    /// numbers and the unit. RGBA8, opaque; taller than A by the legend.
    public static func heatmap(_ comparison: ImageComparison, a: PixelBuffer, mask: Mask? = nil, scale: Double = 10) -> PixelBuffer {
        let w = comparison.size.width, h = comparison.size.height
        let grey = a.converted(to: .rgba8).composited(over: RGB8(red: 255, green: 255, blue: 255)).converted(to: .gray8)
        let legendHeight = max(32, h / 14), fontScale = max(2, legendHeight / 16)
        var picture = PixelBuffer(width: w, height: h + legendHeight, format: .rgba8)
        let outline = mask.map(edge) ?? []
        let stride = picture.bytesPerRow
        picture.withUnsafeMutableBytes { out in
            grey.withUnsafeBytes { g in
                for y in 0..<h {
                    for x in 0..<w {
                        let i = y * w + x, o = y * stride + x * 4
                        // Faded grey: 40 % of A's luma over white.
                        var colour = SIMD3<Double>(repeating: 153 + 0.4 * Double(g[y * grey.bytesPerRow + x]))
                        let d = Double(comparison.deltaE[i])
                        if d > 0 {
                            let (r, gg, b) = MagmaColorMap.colour(d / scale)
                            let opacity = min(1, d / (0.3 * scale))
                            colour = colour * (1 - opacity) + SIMD3(Double(r), Double(gg), Double(b)) * opacity
                        }
                        if !outline.isEmpty && outline[i] {
                            colour = SIMD3(Double(outlineColour.red), Double(outlineColour.green), Double(outlineColour.blue))
                        }
                        out[o] = UInt8(colour.x.rounded()); out[o + 1] = UInt8(colour.y.rounded()); out[o + 2] = UInt8(colour.z.rounded()); out[o + 3] = 255
                    }
                }
            }
        }
        drawLegend(into: &picture, top: h, height: legendHeight, fontScale: fontScale, scale: scale)
        return picture
    }

    /// Per-pixel ΔE00 (`deltaE`, row-major over `size`) through magma on 0…`scale`, as an
    /// overlay: alpha min(1, ΔE / (0.3·scale)), so unchanged pixels are transparent. RGBA8.
    public static func heatmapOverlay(deltaE: [Float], size: PixelSize, scale: Double = 10) -> PixelBuffer {
        precondition(deltaE.count == size.width * size.height, "deltaE has \(deltaE.count) values for \(size)")
        var picture = PixelBuffer(width: size.width, height: size.height, format: .rgba8)
        let stride = picture.bytesPerRow
        picture.withUnsafeMutableBytes { out in
            for y in 0..<size.height {
                for x in 0..<size.width {
                    let d = Double(deltaE[y * size.width + x])
                    guard d > 0 else { continue }
                    let (r, g, b) = MagmaColorMap.colour(d / scale)
                    let o = y * stride + x * 4
                    out[o] = r; out[o + 1] = g; out[o + 2] = b
                    out[o + 3] = UInt8((min(1, d / (0.3 * scale)) * 255).rounded())
                }
            }
        }
        return picture
    }

    /// The edge of the mask's inside region (coverage > 0) in `outlineColour`, `thickness` pixels wide (grown inwards
    /// and outwards), on transparent. RGBA8 of the mask's size.
    public static func outlineOverlay(_ mask: Mask, thickness: Int = 2) -> PixelBuffer {
        let w = mask.width, h = mask.height
        let contour = edge(mask)
        var picture = PixelBuffer(width: w, height: h, format: .rgba8)
        let stride = picture.bytesPerRow, reach = max(0, thickness - 1)
        picture.withUnsafeMutableBytes { out in
            for y in 0..<h {
                for x in 0..<w where contour[y * w + x] {
                    for yy in max(0, y - reach)...min(h - 1, y + reach) {
                        for xx in max(0, x - reach)...min(w - 1, x + reach) {
                            let o = yy * stride + xx * 4
                            out[o] = outlineColour.red; out[o + 1] = outlineColour.green; out[o + 2] = outlineColour.blue; out[o + 3] = 255
                        }
                    }
                }
            }
        }
        return picture
    }

    /// A | B | heatmap side by side with labels above; A and B over white.
    public static func sideBySide(a: PixelBuffer, b: PixelBuffer, heatmap: PixelBuffer) -> PixelBuffer {
        let gap = max(4, a.width / 100), labelHeight = max(22, heatmap.height / 25), fontScale = max(2, labelHeight / 11)
        let width = a.width + b.width + heatmap.width + 2 * gap
        let height = labelHeight + max(a.height, b.height, heatmap.height)
        var picture = PixelBuffer(width: width, height: height, format: .rgba8)
        _ = picture.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 255) }
        let white = RGB8(red: 255, green: 255, blue: 255), ink = RGB8(red: 20, green: 20, blue: 20)
        var left = 0
        for (label, panel) in [("A", a), ("B", b), ("ΔE00 HEATMAP", heatmap)] {
            let rgba = panel.converted(to: .rgba8).composited(over: white).converted(to: .rgba8)
            let stride = picture.bytesPerRow
            picture.withUnsafeMutableBytes { out in
                rgba.withUnsafeBytes { source in
                    for y in 0..<rgba.height {
                        let target = (labelHeight + y) * stride + left * 4
                        for x in 0..<(rgba.width * 4) { out[target + x] = source[y * rgba.bytesPerRow + x] }
                    }
                }
            }
            BitmapFont.draw(label, into: &picture, x: left + 2, y: (labelHeight - BitmapFont.height(scale: fontScale)) / 2, scale: fontScale, colour: ink)
            left += panel.width + gap
        }
        return picture
    }

    /// Pixels on the edge of the mask's `inside` region, the same region the metrics
    /// call inside (coverage > 0): inside pixels with an outside (coverage 0) 4-neighbour.
    static func edge(_ mask: Mask) -> [Bool] {
        let w = mask.width, h = mask.height, c = mask.bytes
        var result = [Bool](repeating: false, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x
                guard c[i] > 0 else { continue }
                if (x > 0 && c[i - 1] == 0) || (x + 1 < w && c[i + 1] == 0) || (y > 0 && c[i - w] == 0) || (y + 1 < h && c[i + w] == 0) {
                    result[i] = true
                }
            }
        }
        return result
    }

    /// The legend strip: a dark background, the colour bar 0…scale with ticks and
    /// numbers at 0, ¼, ½, ¾ and 1 of the scale, and "ΔE00" as the unit.
    static func drawLegend(into picture: inout PixelBuffer, top: Int, height: Int, fontScale: Int, scale: Double) {
        let w = picture.width, stride = picture.bytesPerRow
        let unit = "ΔE00"
        let margin = max(4, height / 6)
        let textHeight = BitmapFont.height(scale: fontScale)
        let barLeft = margin, barRight = max(barLeft + 10, w - margin - BitmapFont.width(of: unit, scale: fontScale) - margin)
        let barTop = top + margin / 2, barBottom = top + max(margin, height - textHeight - margin)
        picture.withUnsafeMutableBytes { out in
            for y in top..<(top + height) {
                for x in 0..<w {
                    let o = y * stride + x * 4
                    out[o] = 24; out[o + 1] = 24; out[o + 2] = 24; out[o + 3] = 255
                }
            }
            for y in barTop..<barBottom {
                for x in barLeft..<barRight {
                    let (r, g, b) = MagmaColorMap.colour(Double(x - barLeft) / Double(max(1, barRight - barLeft - 1)))
                    let o = y * stride + x * 4
                    out[o] = r; out[o + 1] = g; out[o + 2] = b
                }
            }
        }
        let white = RGB8(red: 240, green: 240, blue: 240)
        for quarter in 0...4 {
            let value = scale * Double(quarter) / 4
            let text = value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
            let x = barLeft + (barRight - barLeft - 1) * quarter / 4
            // Tick under the bar, number under the tick (kept inside the strip).
            picture.withUnsafeMutableBytes { out in
                for y in barBottom..<min(top + height, barBottom + max(2, margin / 2)) {
                    let o = y * stride + x * 4
                    out[o] = 240; out[o + 1] = 240; out[o + 2] = 240
                }
            }
            let textWidth = BitmapFont.width(of: text, scale: fontScale)
            let textX = min(max(0, x - textWidth / 2), w - textWidth)
            BitmapFont.draw(text, into: &picture, x: textX, y: top + height - textHeight - 1, scale: fontScale, colour: white)
        }
        BitmapFont.draw(unit, into: &picture, x: barRight + margin, y: barTop, scale: fontScale, colour: white)
    }
}
