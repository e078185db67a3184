// libwebp's decode, encode, demux (animated first frame) and mux (ICC chunk) headers.
#include <webp/decode.h>
#include <webp/encode.h>
#include <webp/demux.h>
#include <webp/mux.h>
