// Thin shim: the only place Edgewise includes <sqlite3.h>.
// Variadic functions and function-like macros that Swift cannot import get static inline wrappers here.
#include <sqlite3.h>
