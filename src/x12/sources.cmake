# The X12 readers: 837 claims and 835 remittances (included from src/CMakeLists.txt; paths relative to src/).
target_sources(authmatch PRIVATE
  x12/byte_source.cpp
  x12/claim_builder.cpp
  x12/claim_emitter.cpp
  x12/diagnostic.cpp
  x12/envelope.cpp
  x12/fragment.cpp
  x12/fragment_reader.cpp
  x12/guide.cpp
  x12/isa.cpp
  x12/place_of_service.cpp
  x12/read_ahead_source.cpp
  x12/reader.cpp
  x12/remittance_builder.cpp
  x12/remittance_reader.cpp
  x12/segment_ids.cpp
  x12/tokenizer.cpp
)
