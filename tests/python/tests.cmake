# The Python bindings' tests: pytest through the interpreter the module was built for, with the
# build tree's package first on the path, one CTest test per file. Included from
# tests/CMakeLists.txt.
if(TARGET authmatch_python)
  set(_python_test_env
      "PYTHONPATH=${AUTHMATCH_PYTHON_BUILD_DIR}"
      "PYTHONDONTWRITEBYTECODE=1"
      "AUTHMATCH_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
      "AUTHMATCH_SAMPLES=${AUTHMATCH_SAMPLES_DIR}"
      "AUTHMATCH_BUILD_DIR=${PROJECT_BINARY_DIR}"
      "AUTHMATCH_CMAKE=${CMAKE_COMMAND}")
  if(TARGET authmatch_cli)
    list(APPEND _python_test_env "AUTHMATCH_CLI=$<TARGET_FILE:authmatch_cli>")
  endif()
  if(TARGET authmatch_synth_cli)
    list(APPEND _python_test_env "AUTHMATCH_SYNTH=$<TARGET_FILE:authmatch_synth_cli>")
  endif()
  authmatch_add_pytest_files(python ${CMAKE_CURRENT_LIST_DIR} "${_python_test_env}")
endif()
