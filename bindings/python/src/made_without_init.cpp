// Objects made by __new__ without __init__ refuse every method with TypeError.

#include "bindings.hpp"

#include <cstddef>
#include <exception>
#include <string>
#include <string_view>

namespace authmatch::python {
namespace {

/// What pybind11 calls to allocate the object a method is called on when the object holds none:
/// one made by __new__ without __init__ (constructors, pickling and C++ objects handed to Python
/// allocate their own, and never come here).
void* refuse_allocation(std::size_t) { throw py::type_error(made_without_init); }

/// How pybind11's cast_error begins when the object a method is called on has no holder.
constexpr std::string_view no_holder = "Unable to cast from non-held to held instance";

}  // namespace

void refuse_objects_made_without_init(const py::module_& m) {
  // The classes of other modules sharing pybind11's registry are left alone.
  const std::string prefix = py::str(m.attr("__name__")).cast<std::string>() + ".";
  for (const auto& [cpp_type, info] : py::detail::get_internals().registered_types_cpp) {
    if (std::string_view(info->type->tp_name).starts_with(prefix)) {
      info->operator_new = &refuse_allocation;
    }
  }
  // A method that takes the object's holder (a Validator's methods take its shared_ptr) fails
  // before any allocation: pybind11 throws cast_error, a RuntimeError, for an object whose holder
  // was never made. Every object of a class with a holder gets one when it is made, by its
  // constructor, by unpickling or from C++, so here that means an object made without __init__.
  // pybind11 takes a translator by value only.
  // NOLINTNEXTLINE(performance-unnecessary-value-param)
  py::register_local_exception_translator([](std::exception_ptr pending) {
    try {
      if (pending) std::rethrow_exception(pending);
    } catch (const py::cast_error& e) {
      if (!std::string_view(e.what()).starts_with(no_holder)) throw;
      PyErr_SetString(PyExc_TypeError, made_without_init);
    }
  });
}

}  // namespace authmatch::python
