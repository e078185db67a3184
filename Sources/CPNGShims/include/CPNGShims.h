// CPNGShims: libpng's classic read API wrapped for Swift.
//
// Why not the simplified `png_image_*` API: it converts 16-bit samples as linear light
// and applies gAMA when producing 8-bit sRGB output. Retouch needs the samples as stored
// (rounded 16→8), so this shim uses the classic API. (Encoding does not use libpng:
// ImageCodecs' PNGWriter filters rows itself and deflates with libdeflate.) Its errors longjmp, which Swift
// cannot catch, so every function here owns its setjmp, frees everything on the landing
// pad, and reports through a caller-owned status struct. Nothing is printed.
#ifndef CPNGSHIMS_H
#define CPNGSHIMS_H

#include <stddef.h>
#include <stdint.h>

/// Result codes of every CPNGShims call.
enum {
    CPNGShims_ok = 0,
    /// libpng raised an error (corrupt data, truncated input, bad CRC, …).
    CPNGShims_libraryError = 1,
    /// The image is larger than the caller's pixel limit; nothing was decoded.
    CPNGShims_limitExceeded = 2,
    /// The caller's output buffer is too small for the image.
    CPNGShims_bufferTooSmall = 3,
    /// Memory could not be allocated.
    CPNGShims_outOfMemory = 4,
};

/// Errors and warnings of one call. The caller owns it; the shim only writes it.
typedef struct CPNGShims_Status {
    int code;
    int warningCount;
    /// The error's text, or empty.
    char message[200];
    /// The first warning's text, or empty.
    char firstWarning[200];
} CPNGShims_Status;

/// What IHDR says (values as in the PNG specification).
typedef struct CPNGShims_Info {
    uint32_t width;
    uint32_t height;
    int bitDepth;
    /// 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA.
    int colorType;
    /// 0 none, 1 Adam7.
    int interlace;
    /// 1 when a tRNS chunk precedes IDAT.
    int hasTransparencyChunk;
} CPNGShims_Info;

/// Reads the signature and the chunks up to the first IDAT.
int CPNGShims_readInfo(const uint8_t *data, size_t size, CPNGShims_Info *info,
                       CPNGShims_Status *status);

/// Decodes to straight-alpha RGBA8 as stored: palettes and tRNS expanded, low bit
/// depths scaled, 16-bit samples rounded (v·255 + 32767) / 65535, gAMA/cHRM/sBIT/bKGD
/// ignored. Checks `maxPixels` against IHDR before any pixel work. When the file has an
/// iCCP chunk, `*icc` receives a shim-allocated copy of the decompressed profile
/// (release with `CPNGShims_free`).
int CPNGShims_decode(const uint8_t *data, size_t size, uint64_t maxPixels,
                     uint8_t *output, size_t outputStride, size_t outputSize,
                     CPNGShims_Info *info, uint8_t **icc, size_t *iccSize,
                     CPNGShims_Status *status);

/// Frees a buffer returned by this shim.
void CPNGShims_free(void *pointer);

/// The linked libpng's version ("1.6.39").
const char *CPNGShims_linkedVersion(void);

#endif
