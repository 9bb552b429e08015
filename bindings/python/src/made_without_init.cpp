// Objects made by __new__ without __init__ refuse every method with TypeError.

#include "bindings.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace authmatch::python {
namespace {

/// What pybind11 calls to allocate the object a method is called on when the object holds none:
/// one made by __new__ without __init__ (constructors, pickling and C++ objects handed to Python
/// allocate their own, and never come here).
void* refuse_allocation(std::size_t) { throw py::type_error(made_without_init); }

}  // namespace

void refuse_objects_made_without_init(const py::module_& m) {
  // The classes of other modules sharing pybind11's registry are left alone.
  const std::string prefix = py::str(m.attr("__name__")).cast<std::string>() + ".";
  for (const auto& [cpp_type, info] : py::detail::get_internals().registered_types_cpp) {
    if (std::string_view(info->type->tp_name).starts_with(prefix)) {
      info->operator_new = &refuse_allocation;
    }
  }
}

}  // namespace authmatch::python
