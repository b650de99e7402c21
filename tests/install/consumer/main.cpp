// Uses the installed libloadero: builds a group's request body, and reads an API limit from the
// header-only loadero/limits.hpp of the same install.
#include <loadero/group.hpp>
#include <loadero/limits.hpp>

#include <iostream>

int main() {
  const auto params = loadero::GroupParams().in_test(6866).with_name("Callers").with_count(3);
  std::cout << params.to_body().dump() << " max_group_name_length=" << loadero::max_group_name_length
            << "\n";
  return 0;
}
