// Thin shim: the only place Edgewise includes <modbus/modbus.h>.
// Variadic functions and function-like macros that Swift cannot import get static inline wrappers here.
#include <modbus/modbus.h>
