// See CJPEGShims.h for why this file exists. Every public function follows one shape:
// a context struct whose first member is libjpeg's error manager, a setjmp landing pad
// that destroys the libjpeg object, and a status struct filled for the caller.
#include "CJPEGShims.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#define CJPEGSHIMS_STRINGIFY_(x) #x
#define CJPEGSHIMS_STRINGIFY(x) CJPEGSHIMS_STRINGIFY_(x)

typedef struct ErrorContext {
    struct jpeg_error_mgr manager; // must stay first: libjpeg hands us this pointer
    jmp_buf landingPad;
    CJPEGShims_Status *status;
    /// Heap memory a decode owns, freed on the landing pad too.
    void *volatile scratch;
} ErrorContext;

static void copyMessage(j_common_ptr cinfo, char *destination) {
    char buffer[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, buffer);
    strncpy(destination, buffer, 199);
    destination[199] = '\0';
}

// error_exit must not return: record the message and jump to the caller's landing pad.
static void errorExit(j_common_ptr cinfo) {
    ErrorContext *context = (ErrorContext *)cinfo->err;
    context->status->code = CJPEGShims_libraryError;
    context->status->messageCode = cinfo->err->msg_code;
    copyMessage(cinfo, context->status->message);
    longjmp(context->landingPad, 1);
}

// Warnings (level -1) are counted and the first kept; trace messages are dropped.
static void emitMessage(j_common_ptr cinfo, int level) {
    if (level >= 0) return;
    ErrorContext *context = (ErrorContext *)cinfo->err;
    CJPEGShims_Status *status = context->status;
    int code = cinfo->err->msg_code;
    if (code == JWRN_JPEG_EOF || code == JWRN_HIT_MARKER) status->dataIncomplete = 1;
    if (status->warningCount == 0) copyMessage(cinfo, status->firstWarning);
    status->warningCount += 1;
    cinfo->err->num_warnings += 1;
}

// libjpeg's default prints to stderr; the library must print nothing.
static void outputMessage(j_common_ptr cinfo) { (void)cinfo; }

// A progressive JPEG may repeat scans without end (each one costs a pass over the
// coefficients): stop past this many, as djpeg -maxscans does.
#define CJPEGSHIMS_MAX_SCANS 250

typedef struct ScanLimit {
    struct jpeg_progress_mgr manager; // must stay first
    ErrorContext *context;
} ScanLimit;

static void checkScans(j_common_ptr cinfo) {
    if (!cinfo->is_decompressor) return;
    ScanLimit *limit = (ScanLimit *)cinfo->progress;
    int scans = ((j_decompress_ptr)cinfo)->input_scan_number;
    if (scans > CJPEGSHIMS_MAX_SCANS) {
        limit->context->status->code = CJPEGShims_libraryError;
        snprintf(limit->context->status->message, sizeof(limit->context->status->message),
                 "more than %d scans: the file is malformed (a real progressive JPEG has about 10)", CJPEGSHIMS_MAX_SCANS);
        longjmp(limit->context->landingPad, 1);
    }
}

static void installErrorHandling(ErrorContext *context, CJPEGShims_Status *status) {
    memset(status, 0, sizeof(*status));
    jpeg_std_error(&context->manager);
    context->manager.error_exit = errorExit;
    context->manager.emit_message = emitMessage;
    context->manager.output_message = outputMessage;
    context->status = status;
    context->scratch = NULL;
}

static void fillInfo(struct jpeg_decompress_struct *cinfo, CJPEGShims_Info *info) {
    info->width = cinfo->image_width;
    info->height = cinfo->image_height;
    info->outputWidth = cinfo->output_width;
    info->outputHeight = cinfo->output_height;
    info->components = cinfo->num_components;
    info->colorSpace = (int)cinfo->jpeg_color_space;
    info->progressive = cinfo->progressive_mode ? 1 : 0;
    info->arithmetic = cinfo->arith_code ? 1 : 0;
    info->sawAdobeMarker = cinfo->saw_Adobe_marker ? 1 : 0;
    info->outputIsCMYK = (cinfo->out_color_space == JCS_CMYK) ? 1 : 0;
}

// Chooses the output colour space and scale; must run after jpeg_read_header.
// `components` is 4 (RGBA) or 3 (RGB); CMYK files always give 4 (CMYK).
static void configureOutput(struct jpeg_decompress_struct *cinfo, int scaleDenominator, int components) {
    if (cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK) {
        cinfo->out_color_space = JCS_CMYK;
    } else if (components == 3) {
        cinfo->out_color_space = JCS_RGB;
    } else {
#ifdef JCS_EXTENSIONS
        cinfo->out_color_space = JCS_EXT_RGBA;
#else
        cinfo->out_color_space = JCS_RGB;
#endif
    }
    cinfo->scale_num = 1;
    cinfo->scale_denom = (unsigned int)(scaleDenominator > 0 ? scaleDenominator : 1);
    cinfo->dct_method = JDCT_ISLOW;
    jpeg_calc_output_dimensions(cinfo);
}

int CJPEGShims_readInfo(const uint8_t *data, size_t size, int scaleDenominator,
                        CJPEGShims_Info *info, CJPEGShims_Status *status) {
    struct jpeg_decompress_struct cinfo;
    ErrorContext context;
    installErrorHandling(&context, status);
    memset(info, 0, sizeof(*info));
    cinfo.err = &context.manager;
    if (setjmp(context.landingPad)) {
        jpeg_destroy_decompress(&cinfo);
        return status->code;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    configureOutput(&cinfo, scaleDenominator, 4);
    fillInfo(&cinfo, info);
    jpeg_destroy_decompress(&cinfo);
    return CJPEGShims_ok;
}

int CJPEGShims_decode(const uint8_t *data, size_t size, int scaleDenominator,
                      uint64_t maxPixels, const CJPEGShims_Region *region, int components,
                      uint8_t *output, size_t outputStride,
                      size_t outputSize, CJPEGShims_Info *info, CJPEGShims_Status *status) {
    struct jpeg_decompress_struct cinfo;
    ErrorContext context;
    installErrorHandling(&context, status);
    memset(info, 0, sizeof(*info));
    cinfo.err = &context.manager;
    // The scratch row lives in the context so the landing pad can free it.
    if (setjmp(context.landingPad)) {
        free(context.scratch);
        jpeg_destroy_decompress(&cinfo);
        return status->code;
    }
    jpeg_create_decompress(&cinfo);
    ScanLimit scanLimit;
    memset(&scanLimit, 0, sizeof(scanLimit));
    scanLimit.manager.progress_monitor = checkScans;
    scanLimit.context = &context;
    cinfo.progress = &scanLimit.manager;
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    configureOutput(&cinfo, scaleDenominator, components);
    fillInfo(&cinfo, info);
    // Bytes per output pixel: 3 for RGB, 4 for RGBA and CMYK.
    size_t pixelBytes = (cinfo.out_color_space != JCS_CMYK && components == 3) ? 3 : 4;

    uint64_t pixels = (uint64_t)cinfo.image_width * (uint64_t)cinfo.image_height;
    if (pixels > maxPixels) {
        status->code = CJPEGShims_limitExceeded;
        snprintf(status->message, sizeof(status->message),
                 "image has %llu pixels, limit is %llu",
                 (unsigned long long)pixels, (unsigned long long)maxPixels);
        jpeg_destroy_decompress(&cinfo);
        return status->code;
    }
    // The wanted rectangle, in output (scaled) pixels: the whole image unless given.
    JDIMENSION x = 0, y = 0, width = cinfo.output_width, height = cinfo.output_height;
    if (region != NULL) {
        if (region->width == 0 || region->height == 0 ||
            (uint64_t)region->x + region->width > cinfo.output_width ||
            (uint64_t)region->y + region->height > cinfo.output_height) {
            status->code = CJPEGShims_badRegion;
            snprintf(status->message, sizeof(status->message),
                     "region %ux%u at %u,%u is not inside the %ux%u image",
                     region->width, region->height, region->x, region->y,
                     cinfo.output_width, cinfo.output_height);
            jpeg_destroy_decompress(&cinfo);
            return status->code;
        }
        x = region->x; y = region->y; width = region->width; height = region->height;
    }
    size_t rowBytes = (size_t)width * pixelBytes;
    if (outputStride < rowBytes ||
        outputSize < outputStride * (size_t)(height - 1) + rowBytes) {
        status->code = CJPEGShims_bufferTooSmall;
        snprintf(status->message, sizeof(status->message), "output buffer too small");
        jpeg_destroy_decompress(&cinfo);
        return status->code;
    }

    jpeg_start_decompress(&cinfo);
    int partial = (x != 0 || y != 0 || width != cinfo.output_width || height != cinfo.output_height);
    // Columns decoded to the left of the region (libjpeg-turbo crops to iMCU boundaries).
    JDIMENSION skipColumns = 0;
    if (partial) {
#if defined(LIBJPEG_TURBO_VERSION_NUMBER) && LIBJPEG_TURBO_VERSION_NUMBER >= 1005000
        // One iMCU (at most 16 output pixels) of margin on each side: the upsampler of a
        // cropped row replicates its edge columns instead of reading their neighbours.
        JDIMENSION margin = 16;
        JDIMENSION cropX = x > margin ? x - margin : 0;
        JDIMENSION cropEnd = x + width + margin < cinfo.output_width ? x + width + margin : cinfo.output_width;
        JDIMENSION cropWidth = cropEnd - cropX;
        jpeg_crop_scanline(&cinfo, &cropX, &cropWidth);
        skipColumns = x - cropX;
        if (y > 0) jpeg_skip_scanlines(&cinfo, y);
#else
        skipColumns = x;
        while (cinfo.output_scanline < y) {
            // Decoded and dropped: plain libjpeg cannot skip.
            if (context.scratch == NULL) context.scratch = malloc((size_t)cinfo.output_width * pixelBytes);
            if (context.scratch == NULL) ERREXIT1(&cinfo, JERR_OUT_OF_MEMORY, 0);
            JSAMPROW row = context.scratch;
            jpeg_read_scanlines(&cinfo, &row, 1);
        }
#endif
        if (context.scratch == NULL) context.scratch = malloc((size_t)cinfo.output_width * pixelBytes);
        if (context.scratch == NULL) ERREXIT1(&cinfo, JERR_OUT_OF_MEMORY, 0);
    }
#ifndef JCS_EXTENSIONS
    // Plain IJG libjpeg: decode RGB (or grey) into the row, then expand in place
    // from the right so no byte is overwritten before it is read.
    int expand = (cinfo.out_color_space != JCS_CMYK && pixelBytes == 4);
#endif
    for (JDIMENSION line = 0; line < height; line++) {
        JSAMPROW destination = output + (size_t)line * outputStride;
        JSAMPROW row = partial ? (JSAMPROW)context.scratch : destination;
        jpeg_read_scanlines(&cinfo, &row, 1);
#ifndef JCS_EXTENSIONS
        if (expand) {
            int channels = cinfo.output_components;
            for (long i = (long)cinfo.output_width - 1; i >= 0; i--) {
                JSAMPLE r = row[i * channels];
                JSAMPLE g = channels == 3 ? row[i * channels + 1] : r;
                JSAMPLE b = channels == 3 ? row[i * channels + 2] : r;
                row[i * 4] = r; row[i * 4 + 1] = g; row[i * 4 + 2] = b; row[i * 4 + 3] = 255;
            }
        }
#endif
        if (partial) memcpy(destination, row + (size_t)skipColumns * pixelBytes, rowBytes);
    }
    if (partial) {
        // Rows below the region are not needed; abort does not warn about them.
        jpeg_abort_decompress(&cinfo);
    } else {
        jpeg_finish_decompress(&cinfo);
    }
    free(context.scratch);
    jpeg_destroy_decompress(&cinfo);
    return CJPEGShims_ok;
}

// jpeg_mem_dest writes the live buffer pointer here; it lives on the heap so the
// landing pad can read it after a longjmp.
typedef struct Destination {
    unsigned char *buffer;
    unsigned long size;
} Destination;

int CJPEGShims_encode(const uint8_t *pixels, uint32_t width, uint32_t height,
                      size_t stride, int components, int quality, int chroma444,
                      int progressive, const uint8_t *icc, size_t iccSize,
                      uint8_t **output, size_t *outputSize, CJPEGShims_Status *status) {
    struct jpeg_compress_struct cinfo;
    ErrorContext context;
    installErrorHandling(&context, status);
    *output = NULL;
    *outputSize = 0;
    Destination *destination = calloc(1, sizeof(Destination));
    if (destination == NULL) {
        status->code = CJPEGShims_libraryError;
        snprintf(status->message, sizeof(status->message), "out of memory");
        return status->code;
    }
    cinfo.err = &context.manager;
    if (setjmp(context.landingPad)) {
        jpeg_destroy_compress(&cinfo);
        free(destination->buffer);
        free(destination);
        return status->code;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &destination->buffer, &destination->size);
    cinfo.image_width = width;
    cinfo.image_height = height;
    if (components == 1) {
        cinfo.input_components = 1;
        cinfo.in_color_space = JCS_GRAYSCALE;
    } else if (components == 4) {
#ifdef JCS_EXTENSIONS
        cinfo.input_components = 4;
        cinfo.in_color_space = JCS_EXT_RGBX;
#else
        ERREXIT(&cinfo, JERR_BAD_IN_COLORSPACE);
#endif
    } else {
        cinfo.input_components = 3;
        cinfo.in_color_space = JCS_RGB;
    }
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    cinfo.dct_method = JDCT_ISLOW;
    cinfo.optimize_coding = TRUE;
    if (components != 1) {
        int factor = chroma444 ? 1 : 2;
        cinfo.comp_info[0].h_samp_factor = factor;
        cinfo.comp_info[0].v_samp_factor = factor;
        for (int c = 1; c < 3; c++) {
            cinfo.comp_info[c].h_samp_factor = 1;
            cinfo.comp_info[c].v_samp_factor = 1;
        }
    }
    if (progressive) jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    if (icc != NULL && iccSize > 0) jpeg_write_icc_profile(&cinfo, icc, (unsigned int)iccSize);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *output = destination->buffer;
    *outputSize = (size_t)destination->size;
    free(destination);
    return CJPEGShims_ok;
}

void CJPEGShims_free(void *pointer) { free(pointer); }

const char *CJPEGShims_turboVersion(void) {
#ifdef LIBJPEG_TURBO_VERSION
    return CJPEGSHIMS_STRINGIFY(LIBJPEG_TURBO_VERSION);
#else
    return "unknown";
#endif
}

int CJPEGShims_apiVersion(void) { return JPEG_LIB_VERSION; }
