# The 837 reader's tests (included from tests/CMakeLists.txt; paths relative to tests/).
authmatch_add_test(test_x12
  x12/support.cpp
  x12/test_envelope.cpp
  x12/test_fragments.cpp
  x12/test_generated.cpp
  x12/test_generated_835.cpp
  x12/test_reconcile.cpp
  x12/test_remittance.cpp
  x12/test_samples.cpp
  x12/test_separator_scan.cpp
  x12/test_syntax.cpp
  x12/test_unreadable.cpp
  x12/test_values.cpp
)
target_link_libraries(test_x12 PRIVATE authmatch_synth)

# The fuzz target without libFuzzer: replays its seed corpus, every input that once crashed it
# (tests/fuzz/corpus) and the public samples.
add_executable(fuzz_x12_replay fuzz/fuzz_x12_reader.cpp fuzz/replay_main.cpp)
target_link_libraries(fuzz_x12_replay PRIVATE authmatch::authmatch)
authmatch_target_options(fuzz_x12_replay)
add_test(NAME fuzz_x12_replay
         COMMAND fuzz_x12_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus ${AUTHMATCH_SAMPLES_DIR}
                 ${PROJECT_SOURCE_DIR}/examples/data)

# The 835 reader's fuzz target, replayed the same way.
add_executable(fuzz_x12_remittance_replay fuzz/fuzz_x12_remittance.cpp fuzz/replay_main.cpp)
target_link_libraries(fuzz_x12_remittance_replay PRIVATE authmatch::authmatch)
authmatch_target_options(fuzz_x12_remittance_replay)
add_test(NAME fuzz_x12_remittance_replay
         COMMAND fuzz_x12_remittance_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus
                 ${AUTHMATCH_SAMPLES_DIR} ${PROJECT_SOURCE_DIR}/examples/data)

# Runs in parts: each 837 of the corpus judged in one run and in two parts must agree.
add_executable(fuzz_run_part_replay fuzz/fuzz_run_part.cpp fuzz/replay_main.cpp)
target_link_libraries(fuzz_run_part_replay PRIVATE authmatch::authmatch)
authmatch_target_options(fuzz_run_part_replay)
add_test(NAME fuzz_run_part_replay
         COMMAND fuzz_run_part_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus
                 ${AUTHMATCH_SAMPLES_DIR} ${PROJECT_SOURCE_DIR}/examples/data)

# Reading in fragments: each 837 of the corpus read by one thread and by several must agree.
add_executable(fuzz_fragments_replay fuzz/fuzz_fragments.cpp fuzz/replay_main.cpp)
target_link_libraries(fuzz_fragments_replay PRIVATE authmatch::authmatch)
target_include_directories(fuzz_fragments_replay PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
authmatch_target_options(fuzz_fragments_replay)
add_test(NAME fuzz_fragments_replay
         COMMAND fuzz_fragments_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus
                 ${AUTHMATCH_SAMPLES_DIR} ${PROJECT_SOURCE_DIR}/examples/data)
