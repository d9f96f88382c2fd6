// Thin shim: the only place Edgewise includes <yaml.h> (libyaml, the parser behind the config files).
#include <yaml.h>
