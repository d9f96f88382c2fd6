// Thin shim: the only place Edgewise includes <modbus/modbus.h>.
// Variadic functions and function-like macros that Swift cannot import get static inline wrappers here.
#include <modbus/modbus.h>

// libmodbus's own error numbers. The headers define them as `(MODBUS_ENOBASE + <enum constant>)`,
// which Swift does not import; these constants carry the same values.

// A Modbus exception response (the server understood the request and refused it).
static const int CMODBUS_EMBXILFUN = EMBXILFUN;    // 1 illegal function
static const int CMODBUS_EMBXILADD = EMBXILADD;    // 2 illegal data address
static const int CMODBUS_EMBXILVAL = EMBXILVAL;    // 3 illegal data value
static const int CMODBUS_EMBXSFAIL = EMBXSFAIL;    // 4 slave or server failure
static const int CMODBUS_EMBXACK = EMBXACK;        // 5 acknowledge
static const int CMODBUS_EMBXSBUSY = EMBXSBUSY;    // 6 slave or server busy
static const int CMODBUS_EMBXNACK = EMBXNACK;      // 7 negative acknowledge
static const int CMODBUS_EMBXMEMPAR = EMBXMEMPAR;  // 8 memory parity error
static const int CMODBUS_EMBXGPATH = EMBXGPATH;    // 10 gateway path unavailable
static const int CMODBUS_EMBXGTAR = EMBXGTAR;      // 11 gateway target failed to respond

// A response libmodbus could not accept, or a request it would not send.
static const int CMODBUS_EMBBADCRC = EMBBADCRC;      // invalid CRC
static const int CMODBUS_EMBBADDATA = EMBBADDATA;    // invalid data (e.g. wrong transaction id or length)
static const int CMODBUS_EMBBADEXC = EMBBADEXC;      // invalid exception code
static const int CMODBUS_EMBUNKEXC = EMBUNKEXC;      // unknown exception code
static const int CMODBUS_EMBMDATA = EMBMDATA;        // too many data
static const int CMODBUS_EMBBADSLAVE = EMBBADSLAVE;  // response from another unit than asked
