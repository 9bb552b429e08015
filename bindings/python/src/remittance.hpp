#ifndef AUTHMATCH_PYTHON_REMITTANCE_HPP
#define AUTHMATCH_PYTHON_REMITTANCE_HPP

// 835 remittances from Python: the sources read_835() and reconcile() take (paths, bytes, or a
// Remittance already read), what a read keeps, and its values as Python dicts.

#include "bindings.hpp"

#include <authmatch/remittance.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace authmatch::python {

/// A claim that was read, one that could not be, or a line outside any claim, in input order.
using remittance_event =
    std::variant<remittance_claim, remittance_rejection, remittance_stray_line>;

/// What read_835() read, as a Python Remittance holds it. Never changed once read.
struct remittance_data {
  std::string name;  ///< the path, or "<bytes>"
  std::vector<remittance_event> events;
  std::vector<x12::diagnostic> diagnostics;
  x12::remittance_stats stats;
};

/// Keeps the rejections and diagnostics a reader reports (and, with `keep_claims`, the claims),
/// forwarding claims and rejections to `forward` when there is one.
class remittance_recorder final : public remittance_sink {
 public:
  remittance_recorder(remittance_sink* forward, bool keep_claims)
      : forward_(forward), keep_claims_(keep_claims) {}

  void on_claim(const remittance_claim& claim) override;
  void on_rejected(const remittance_rejection& rejected) override;
  void on_stray_line(const remittance_stray_line& line) override;
  void on_diagnostic(const x12::diagnostic& found) override { diagnostics.push_back(found); }

  std::vector<remittance_event> events;
  std::vector<x12::diagnostic> diagnostics;

 private:
  remittance_sink* forward_;
  bool keep_claims_;
};

/// One 835 given from Python: a file to read, bytes read in place, or a Remittance read before.
struct remittance_source {
  std::filesystem::path path;
  std::string_view bytes;  ///< into a Python bytes object the caller keeps alive
  bool from_bytes = false;
  std::shared_ptr<const remittance_data> read;  ///< a Remittance: replayed, not read again
};

/// A path (str or os.PathLike), bytes or a Remittance; raises TypeError for anything else.
/// A bytes object is viewed, not copied: keep it alive while the source is used.
remittance_source remittance_source_from(py::handle source);

/// Reads one 835 file or bytes into `sink` (without needing the GIL). Throws input_error when the
/// input is not X12, or holds no claim payment (CLP) at all, naming the first problem found.
x12::remittance_stats read_remittance(const remittance_source& source, remittance_recorder& sink);

/// The Python values of what a reader reports (docs/remittances.md).
py::dict rejection_dict(const remittance_rejection& rejected);
py::dict diagnostic_dict(const x12::diagnostic& found);

}  // namespace authmatch::python

#endif
