# Finds Emscripten — an emsdk install when $EMSDK is set, else Debian's
# `emscripten` package — and hands over to its CMake platform file.
if(DEFINED ENV{EMSDK} AND EXISTS "$ENV{EMSDK}/upstream/emscripten/cmake/Modules/Platform/Emscripten.cmake")
  set(CHATS_EMSCRIPTEN_ROOT "$ENV{EMSDK}/upstream/emscripten")
elseif(EXISTS "/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake")
  set(CHATS_EMSCRIPTEN_ROOT "/usr/share/emscripten")
  # Debian's emcc runs under the machine's Node.js, which cannot find Debian's
  # acorn without this; it must reach every emcc call, so it goes in a launcher.
  set(ENV{NODE_PATH} "/usr/share/nodejs")
  set(CMAKE_C_COMPILER_LAUNCHER "env;NODE_PATH=/usr/share/nodejs" CACHE STRING "" FORCE)
  set(CMAKE_CXX_COMPILER_LAUNCHER "env;NODE_PATH=/usr/share/nodejs" CACHE STRING "" FORCE)
  set(CMAKE_C_LINKER_LAUNCHER "env;NODE_PATH=/usr/share/nodejs" CACHE STRING "" FORCE)
  set(CMAKE_CXX_LINKER_LAUNCHER "env;NODE_PATH=/usr/share/nodejs" CACHE STRING "" FORCE)
else()
  message(FATAL_ERROR
    "Emscripten not found: set EMSDK to an emsdk install, or install Debian's package "
    "(apt-get install emscripten binaryen; scripts/setup.sh does it).")
endif()
include("${CHATS_EMSCRIPTEN_ROOT}/cmake/Modules/Platform/Emscripten.cmake")
