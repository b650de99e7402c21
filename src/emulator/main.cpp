#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) { return loadero_emulator::run(argc, argv, std::cout, std::cerr); }
