// libdeflate: whole-buffer DEFLATE/zlib compression (PNG IDAT and iCCP) and CRC-32.
#include <stddef.h>
#include <libdeflate.h>
