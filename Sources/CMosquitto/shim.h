// Thin shim: the only place Edgewise includes <mosquitto.h>.
// Variadic functions and function-like macros that Swift cannot import get static inline wrappers here.
#include <mosquitto.h>
