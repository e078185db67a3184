// CJPEGShims: libjpeg entry points that Swift can call safely.
//
// libjpeg reports fatal errors through `error_exit`, which must not return, so the
// library longjmps. Swift cannot call setjmp, and a longjmp across Swift frames skips
// ARC cleanup, so every function here owns its own setjmp, destroys its libjpeg object
// on the landing pad, and returns a nonzero code with the message in a caller-owned
// status struct. Nothing is ever printed to stderr, and no callback reaches Swift while
// a jump buffer is live.
#ifndef CJPEGSHIMS_H
#define CJPEGSHIMS_H

#include <stddef.h>
#include <stdint.h>

/// Result codes of every CJPEGShims call.
enum {
    CJPEGShims_ok = 0,
    /// libjpeg raised a fatal error; `message` holds its text.
    CJPEGShims_libraryError = 1,
    /// The image is larger than the caller's pixel limit; nothing was decoded.
    CJPEGShims_limitExceeded = 2,
    /// The caller's output buffer is too small for the image.
    CJPEGShims_bufferTooSmall = 3,
    /// The requested region is empty or not inside the (scaled) image.
    CJPEGShims_badRegion = 4,
};

/// A rectangle of the output image, in output (DCT-scaled) pixels.
typedef struct CJPEGShims_Region {
    uint32_t x;
    uint32_t y;
    uint32_t width;
    uint32_t height;
} CJPEGShims_Region;

/// Errors and warnings of one call. The caller owns it; the shim only writes it.
typedef struct CJPEGShims_Status {
    int code;
    /// libjpeg's message code of the fatal error (`JERR_*`), or 0.
    int messageCode;
    /// Number of warnings libjpeg emitted (corrupt data it recovered from).
    int warningCount;
    /// 1 when a warning said image data was missing (premature end of file or of a
    /// data segment): libjpeg filled the rest with grey.
    int dataIncomplete;
    /// The fatal error's text, or empty.
    char message[200];
    /// The first warning's text, or empty.
    char firstWarning[200];
} CJPEGShims_Status;

/// What the header says, and the output size at the requested DCT scale.
typedef struct CJPEGShims_Info {
    uint32_t width;
    uint32_t height;
    /// Output size after DCT scaling (equal to width/height at scale 1).
    uint32_t outputWidth;
    uint32_t outputHeight;
    int components;
    /// The file's colour space (`J_COLOR_SPACE` value).
    int colorSpace;
    int progressive;
    int arithmetic;
    /// 1 when the decode writes C, M, Y, K (as stored, Adobe-inverted) instead of RGBA.
    int outputIsCMYK;
    /// 1 when the file carries an Adobe APP14 marker.
    int sawAdobeMarker;
} CJPEGShims_Info;

/// Reads the header only. `scaleDenominator` is 1, 2, 4 or 8.
int CJPEGShims_readInfo(const uint8_t *data, size_t size, int scaleDenominator,
                        CJPEGShims_Info *info, CJPEGShims_Status *status);

/// Decodes into `output` (RGBA8, alpha 255, or with `components` 3 RGB8; CMYK8 whatever
/// `components` says when `info->outputIsCMYK`), one row every `outputStride` bytes. Checks `maxPixels` against the header before any
/// pixel work. `info` is filled as by `CJPEGShims_readInfo`. With a `region` (NULL for
/// the whole image), only that rectangle is written, starting at `output`; with
/// libjpeg-turbo, rows above it are skipped without IDCT and only the iMCU columns
/// covering it are decoded.
int CJPEGShims_decode(const uint8_t *data, size_t size, int scaleDenominator,
                      uint64_t maxPixels, const CJPEGShims_Region *region, int components,
                      uint8_t *output, size_t outputStride,
                      size_t outputSize, CJPEGShims_Info *info, CJPEGShims_Status *status);

/// Encodes 8-bit pixels to a JPEG in memory. `components` is 1 (grey), 3 (RGB) or 4
/// (RGBX: the fourth byte is ignored). `quality` is 1…100. On success `*output` is a
/// buffer the shim allocated; release it with `CJPEGShims_free`.
int CJPEGShims_encode(const uint8_t *pixels, uint32_t width, uint32_t height,
                      size_t stride, int components, int quality, int chroma444,
                      int progressive, const uint8_t *icc, size_t iccSize,
                      uint8_t **output, size_t *outputSize, CJPEGShims_Status *status);

/// Frees a buffer returned by `CJPEGShims_encode`.
void CJPEGShims_free(void *pointer);

/// The libjpeg-turbo version this shim was compiled against ("2.1.5"), or "unknown".
const char *CJPEGShims_turboVersion(void);

/// `JPEG_LIB_VERSION` (the libjpeg API level, e.g. 62).
int CJPEGShims_apiVersion(void);

#endif
