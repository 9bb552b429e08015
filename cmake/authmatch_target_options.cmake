# Warnings and sanitizers for authmatch's own targets only (never for Boost, fmt or Catch2).
# -Wnull-dereference is left out: with GCC 12 at -O3 it fires inside libstdc++'s streambuf.
set(AUTHMATCH_WARNINGS
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wold-style-cast
    -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-align -Wundef -Wimplicit-fallthrough)

function(authmatch_target_options target)
  target_compile_options(${target} PRIVATE ${AUTHMATCH_WARNINGS})
  if(AUTHMATCH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(AUTHMATCH_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${AUTHMATCH_SANITIZE}
                                             -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=${AUTHMATCH_SANITIZE})
  endif()
endfunction()

# The library itself is linked into sanitized executables: give it the flags too.
if(AUTHMATCH_SANITIZE)
  message(STATUS "authmatch: sanitizers ${AUTHMATCH_SANITIZE}")
endif()
