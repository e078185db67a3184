import ImageCore

extension ImageMetadata {
    /// Records an EXIF block (TIFF header onwards): EXIF and GPS presence, the raw
    /// Orientation value, and the orientation to apply (identity when the value is absent
    /// or invalid).
    mutating func applyEXIF(_ exif: ArraySlice<UInt8>) {
        let reader = EXIFReader(exif)
        hasEXIF = true
        hasGPS = reader.hasGPS
        exifOrientationValue = reader.orientationValue
        orientation = Orientation(exifValue: reader.orientationValue ?? 1)
    }
}
