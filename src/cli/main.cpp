#include <iostream>

#include "cli.hpp"

int main(int argc, char* argv[]) {
  return loadero_sync::cli::run(argc, argv, std::cout, std::cerr);
}
