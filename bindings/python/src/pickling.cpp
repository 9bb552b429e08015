// Pickling with every protocol. pybind11 classes derive from a native base that copyreg cannot
// build: protocols 0 and 1 (and __reduce__ left to object) go through copyreg._reduce_ex, which
// makes an instance of that base and aborts the interpreter. So each class defines __reduce__,
// and sequences iterate with Python's own iterator rather than a pybind11 class.

#include "bindings.hpp"

#include <fmt/format.h>

namespace authmatch::python {

py::tuple reduce_by_state(const py::object& self) {
  // What protocol 2 makes by default: copyreg.__newobj__(type) and then __setstate__(state).
  // Protocols 0 and 1 store the same calls, so every protocol round-trips.
  const auto newobj = py::module_::import("copyreg").attr("__newobj__");
  return py::make_tuple(newobj, py::make_tuple(py::type::of(self)), self.attr("__getstate__")());
}

py::tuple refuse_pickling(const py::object& self) {
  const auto name = py::type::of(self).attr("__name__").cast<std::string>();
  throw py::type_error(fmt::format("cannot pickle '{}' object", name));
}

py::iterator iterate_by_index(const py::object& sequence) {
  auto iterator = py::reinterpret_steal<py::iterator>(PySeqIter_New(sequence.ptr()));
  if (!iterator) throw py::error_already_set();
  return iterator;
}

}  // namespace authmatch::python
