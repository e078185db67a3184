// See CPNGShims.h for why this file exists. Every public function follows one shape:
// state that must survive a longjmp lives on the heap, a setjmp landing pad frees it
// and destroys the libpng structs, and a status struct is filled for the caller.
#include "CPNGShims.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

static void copyText(char *destination, const char *text) {
    strncpy(destination, text ? text : "", 199);
    destination[199] = '\0';
}

// libpng's error callback must not return: record and jump to the landing pad.
static void onError(png_structp png, png_const_charp message) {
    CPNGShims_Status *status = (CPNGShims_Status *)png_get_error_ptr(png);
    status->code = CPNGShims_libraryError;
    copyText(status->message, message);
    png_longjmp(png, 1);
}

// Warnings are counted and the first kept; libpng's default prints them.
static void onWarning(png_structp png, png_const_charp message) {
    CPNGShims_Status *status = (CPNGShims_Status *)png_get_error_ptr(png);
    if (status->warningCount == 0) copyText(status->firstWarning, message);
    status->warningCount += 1;
}

typedef struct Source {
    const uint8_t *data;
    size_t size;
    size_t offset;
} Source;

static void readFromMemory(png_structp png, png_bytep destination, size_t length) {
    Source *source = (Source *)png_get_io_ptr(png);
    if (length > source->size - source->offset) png_error(png, "unexpected end of data");
    memcpy(destination, source->data + source->offset, length);
    source->offset += length;
}

static void fillInfo(png_structp png, png_infop pngInfo, CPNGShims_Info *info) {
    info->width = png_get_image_width(png, pngInfo);
    info->height = png_get_image_height(png, pngInfo);
    info->bitDepth = png_get_bit_depth(png, pngInfo);
    info->colorType = png_get_color_type(png, pngInfo);
    info->interlace = png_get_interlace_type(png, pngInfo);
    info->hasTransparencyChunk = png_get_valid(png, pngInfo, PNG_INFO_tRNS) ? 1 : 0;
}

/// Heap state for one decode: everything the landing pad must release.
typedef struct DecodeState {
    png_structp png;
    png_infop info;
    png_bytep *rows;
    Source source;
} DecodeState;

static void releaseDecode(DecodeState *state) {
    if (state == NULL) return;
    if (state->png != NULL) png_destroy_read_struct(&state->png, &state->info, NULL);
    free(state->rows);
    free(state);
}

static DecodeState *beginDecode(const uint8_t *data, size_t size, CPNGShims_Status *status) {
    memset(status, 0, sizeof(*status));
    DecodeState *state = calloc(1, sizeof(DecodeState));
    if (state == NULL) {
        status->code = CPNGShims_outOfMemory;
        copyText(status->message, "out of memory");
        return NULL;
    }
    state->source = (Source){data, size, 0};
    state->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, status, onError, onWarning);
    if (state->png != NULL) state->info = png_create_info_struct(state->png);
    if (state->png == NULL || state->info == NULL) {
        status->code = CPNGShims_outOfMemory;
        copyText(status->message, "could not create libpng read structures");
        releaseDecode(state);
        return NULL;
    }
    png_set_read_fn(state->png, &state->source, readFromMemory);
    // Our own limits are checked by the caller; lift libpng's 1M-pixel edge default.
    png_set_user_limits(state->png, 0x7fffffffL, 0x7fffffffL);
    // An ancillary chunk whose length claims gigabytes must not be allocated: at most
    // 16 MiB per chunk (an ICC profile is far smaller), at most 1000 text/sPLT/unknown
    // chunks kept, and unknown chunks skipped unread.
    png_set_chunk_malloc_max(state->png, 16u << 20);
    png_set_chunk_cache_max(state->png, 1000);
    png_set_keep_unknown_chunks(state->png, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
    return state;
}

int CPNGShims_readInfo(const uint8_t *data, size_t size, CPNGShims_Info *info,
                       CPNGShims_Status *status) {
    memset(info, 0, sizeof(*info));
    DecodeState *state = beginDecode(data, size, status);
    if (state == NULL) return status->code;
    if (setjmp(png_jmpbuf(state->png))) {
        releaseDecode(state);
        return status->code;
    }
    png_read_info(state->png, state->info);
    fillInfo(state->png, state->info, info);
    releaseDecode(state);
    return CPNGShims_ok;
}

int CPNGShims_decode(const uint8_t *data, size_t size, uint64_t maxPixels,
                     uint8_t *output, size_t outputStride, size_t outputSize,
                     CPNGShims_Info *info, uint8_t **icc, size_t *iccSize,
                     CPNGShims_Status *status) {
    memset(info, 0, sizeof(*info));
    *icc = NULL;
    *iccSize = 0;
    DecodeState *state = beginDecode(data, size, status);
    if (state == NULL) return status->code;
    if (setjmp(png_jmpbuf(state->png))) {
        releaseDecode(state);
        return status->code;
    }
    png_structp png = state->png;
    png_infop pngInfo = state->info;
    png_read_info(png, pngInfo);
    fillInfo(png, pngInfo, info);

    uint64_t pixels = (uint64_t)info->width * (uint64_t)info->height;
    size_t rowBytes = (size_t)info->width * 4;
    if (pixels > maxPixels) {
        status->code = CPNGShims_limitExceeded;
        snprintf(status->message, sizeof(status->message),
                 "image has %llu pixels, limit is %llu",
                 (unsigned long long)pixels, (unsigned long long)maxPixels);
        releaseDecode(state);
        return status->code;
    }
    if (outputStride < rowBytes ||
        outputSize < outputStride * (size_t)(info->height - 1) + rowBytes) {
        status->code = CPNGShims_bufferTooSmall;
        copyText(status->message, "output buffer too small");
        releaseDecode(state);
        return status->code;
    }

    // Samples as stored: no gamma, no sBIT shift, no background.
    png_set_expand(png);             // palette → RGB, low-depth grey → 8 bits, tRNS → alpha
    png_set_scale_16(png);           // 16 → 8 by rounding
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
    png_set_interlace_handling(png); // Adam7 is de-interlaced by png_read_image
    png_read_update_info(png, pngInfo);
    if (png_get_rowbytes(png, pngInfo) != rowBytes) png_error(png, "unexpected row size after transforms");

    state->rows = malloc(sizeof(png_bytep) * info->height);
    if (state->rows == NULL) png_error(png, "out of memory");
    for (uint32_t y = 0; y < info->height; y++) state->rows[y] = output + (size_t)y * outputStride;
    png_read_image(png, state->rows);
    png_read_end(png, NULL);

    png_charp name = NULL;
    int compression = 0;
    png_bytep profile = NULL;
    png_uint_32 profileLength = 0;
    if (png_get_iCCP(png, pngInfo, &name, &compression, &profile, &profileLength) != 0 &&
        profile != NULL && profileLength > 0) {
        uint8_t *copy = malloc(profileLength);
        if (copy != NULL) {
            memcpy(copy, profile, profileLength);
            *icc = copy;
            *iccSize = profileLength;
        }
    }
    releaseDecode(state);
    return CPNGShims_ok;
}

void CPNGShims_free(void *pointer) { free(pointer); }

const char *CPNGShims_linkedVersion(void) { return png_get_libpng_ver(NULL); }
