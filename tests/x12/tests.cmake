# The 837 reader's tests (included from tests/CMakeLists.txt; paths relative to tests/).
authmatch_add_test(test_x12
  x12/support.cpp
  x12/test_envelope.cpp
  x12/test_samples.cpp
  x12/test_syntax.cpp
  x12/test_unreadable.cpp
  x12/test_values.cpp
)
