# bench_planner: load + plan 2,000 tests x 50 groups x 4 participants (included from tests/bench/CMakeLists.txt).
add_executable(bench_planner ${CMAKE_CURRENT_LIST_DIR}/bench_planner.cpp)
target_link_libraries(bench_planner PRIVATE loadero_sync_manifest loadero_sync_plan loadero_warnings)
