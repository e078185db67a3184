// Includes libpng's public header for the CPNGShims target and Swift.
#include <png.h>
