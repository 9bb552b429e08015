# The Python bindings' tests: pytest through the interpreter the module was built for, with the
# build tree's package first on the path, one CTest test per file. Included from
# tests/CMakeLists.txt.
if(TARGET authmatch_python)
  file(GLOB _python_test_files CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/test_*.py)
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
  foreach(_file IN LISTS _python_test_files)
    get_filename_component(_name ${_file} NAME_WE)
    add_test(NAME "python: ${_name}"
             COMMAND ${Python3_EXECUTABLE} -m pytest -q -p no:cacheprovider -W error ${_file})
    # COST: started before the Catch2 cases, which are quick and fill the cores at the end.
    set_tests_properties("python: ${_name}" PROPERTIES COST 10 ENVIRONMENT "${_python_test_env}")
  endforeach()
endif()
