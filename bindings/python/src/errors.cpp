#include "bindings.hpp"

#include <authmatch/ledger.hpp>
#include "convert.hpp"

#include <authmatch/auth_rules.hpp>
#include <authmatch/authorization_index.hpp>
#include <authmatch/enrollment.hpp>
#include <authmatch/error.hpp>

namespace authmatch::python {
namespace {

py::object none_if_zero(std::size_t value) {
  return value == 0 ? py::object(py::none()) : py::object(py::int_(value));
}

/// Raises `instance` of `type` as the pending Python exception.
void raise(const py::object& type, const py::object& instance) {
  PyErr_SetObject(type.ptr(), instance.ptr());
}

/// Raises FieldError for a value the library refused.
void raise_field_error(const py::module_& errors, const field_problem& problem) {
  const auto type = errors.attr("FieldError");
  raise(type, type(std::string(problem.field), problem.message, py::none()));
}

}  // namespace

void bind_errors(py::module_& m) {
  // The classes live in authmatch._errors (plain Python, so they pickle and carry signatures);
  // the package imports that module before this one.
  const auto classes = py::module_::import("authmatch._errors");
  for (const char* name : {"Error", "InputError", "FieldError", "LedgerError"}) {
    m.attr(name) = classes.attr(name);
  }

  // pybind11 takes a translator by value only.
  // NOLINTNEXTLINE(performance-unnecessary-value-param)
  py::register_exception_translator([](std::exception_ptr pending) {
    if (!pending) return;
    const auto errors = py::module_::import("authmatch._errors");
    // Each class by itself: they all derive from authmatch::error, which is not caught here (an
    // error of another kind, a temporary folder that cannot be written, stays a RuntimeError).
    try {
      std::rethrow_exception(pending);
    } catch (const input_error& e) {
      const auto type = errors.attr("InputError");
      raise(type, type(e.message(), e.where().file, none_if_zero(e.where().line),
                       none_if_zero(e.where().column)));
    } catch (const field_error& e) {
      const auto type = errors.attr("FieldError");
      const py::object record = e.record ? py::object(py::int_(*e.record)) : py::object(py::none());
      raise(type, type(e.field(), e.message(), record));
    } catch (const ledger_error& e) {
      const auto type = errors.attr("LedgerError");
      raise(type, type(e.what()));
    } catch (const authorization_error& e) {
      raise_field_error(errors, e.problem());
    } catch (const rule_error& e) {
      raise_field_error(errors, e.problem());
    } catch (const enrollment_error& e) {
      raise_field_error(errors, e.problem());
    }
  });
}

}  // namespace authmatch::python
