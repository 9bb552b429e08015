# The 837 reader's tests (included from tests/CMakeLists.txt; paths relative to tests/).
authmatch_add_test(test_x12
  x12/support.cpp
  x12/test_envelope.cpp
  x12/test_fragments.cpp
  x12/test_generated.cpp
  x12/test_generated_835.cpp
  x12/test_read_ahead.cpp
  x12/test_reconcile.cpp
  x12/test_remittance.cpp
  x12/test_samples.cpp
  x12/test_separator_scan.cpp
  x12/test_syntax.cpp
  x12/test_unreadable.cpp
  x12/test_values.cpp
)
target_link_libraries(test_x12 PRIVATE authmatch_synth)

# Each fuzz target without libFuzzer: a test that replays the seed corpus, every input that once
# crashed a target (tests/fuzz/corpus), the public samples and the examples.
function(authmatch_add_fuzz_replay target source)
  add_executable(${target}_replay fuzz/${source} fuzz/replay_main.cpp)
  target_link_libraries(${target}_replay PRIVATE authmatch::authmatch)
  target_include_directories(${target}_replay PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  authmatch_target_options(${target}_replay)
  add_test(NAME ${target}_replay
           COMMAND ${target}_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus
                   ${AUTHMATCH_SAMPLES_DIR} ${PROJECT_SOURCE_DIR}/examples/data)
endfunction()

authmatch_add_fuzz_replay(fuzz_x12 fuzz_x12_reader.cpp)              # the 837 reader
authmatch_add_fuzz_replay(fuzz_x12_remittance fuzz_x12_remittance.cpp)  # the 835 reader
authmatch_add_fuzz_replay(fuzz_run_part fuzz_run_part.cpp)           # one run against parts
authmatch_add_fuzz_replay(fuzz_fragments fuzz_fragments.cpp)         # one thread against fragments
