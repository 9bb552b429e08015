#ifndef AUTHMATCH_INPUT_ERROR_HPP
#define AUTHMATCH_INPUT_ERROR_HPP

// input_position and input_error are in error.hpp, beside the base of every authmatch error;
// this header stays so that code that includes it by its old name still compiles.
#include <authmatch/error.hpp>

#endif
