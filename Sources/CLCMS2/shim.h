// LittleCMS 2: ICC profile → sRGB conversion on decode. The pixel-type macros are
// built from shifts Swift cannot import, so they are restated as constants here.
#include <lcms2.h>

static const cmsUInt32Number retouch_TYPE_RGB_8 = TYPE_RGB_8;
static const cmsUInt32Number retouch_TYPE_RGBA_8 = TYPE_RGBA_8;
static const cmsUInt32Number retouch_TYPE_GRAY_8 = TYPE_GRAY_8;
static const cmsUInt32Number retouch_TYPE_CMYK_8 = TYPE_CMYK_8;
static const cmsUInt32Number retouch_TYPE_CMYK_8_REV = TYPE_CMYK_8_REV;
static const cmsUInt32Number retouch_FLAGS_NOCACHE = cmsFLAGS_NOCACHE;
static const cmsUInt32Number retouch_INTENT_PERCEPTUAL = INTENT_PERCEPTUAL;
static const cmsUInt32Number retouch_SIG_RGB = cmsSigRgbData;
static const cmsUInt32Number retouch_SIG_GRAY = cmsSigGrayData;
static const cmsUInt32Number retouch_SIG_CMYK = cmsSigCmykData;
