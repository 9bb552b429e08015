// The private extension module authmatch._authmatch; the package authmatch re-exports its API.

#include "bindings.hpp"
#include "convert.hpp"

#include <authmatch/version.hpp>

#ifndef AUTHMATCH_PYTHON_VERSION
#error "AUTHMATCH_PYTHON_VERSION is set by bindings/python/CMakeLists.txt from the project version"
#endif

PYBIND11_MODULE(_authmatch, m) {
  namespace python = authmatch::python;
  m.doc() = "authmatch's native core; import the `authmatch` package instead.";
  m.attr("__version__") = AUTHMATCH_PYTHON_VERSION;
  m.attr("library_version") = authmatch::version;
  python::import_python_types();
  python::bind_errors(m);
  python::bind_finding(m);
  python::bind_index(m);
  python::bind_rules(m);
  python::bind_enrollment(m);
  python::bind_payer_profiles(m);
  python::bind_report(m);
  python::bind_finding_iterator(m);
  python::bind_ledger(m);
  python::bind_validator(m);
  python::bind_remittance(m);
  python::bind_reconcile(m);
  python::bind_review(m);
  python::refuse_objects_made_without_init(m);
}
