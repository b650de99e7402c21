# bench_sync: the real loadero-sync (plan, apply) against the real loadero-emulator with latency,
# per --parallelism, next to a sequential libloadero baseline (included from
# tests/bench/CMakeLists.txt). loadero_test_support brings the built binaries' paths.
add_executable(bench_sync ${CMAKE_CURRENT_LIST_DIR}/bench_sync.cpp)
target_link_libraries(bench_sync PRIVATE loadero_test_support loadero::loadero CLI11::CLI11
  nlohmann_json::nlohmann_json loadero_warnings)
