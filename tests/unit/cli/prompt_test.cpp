// apply's confirmation: only "yes" on a terminal, refusal without one.

#include "prompt.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace loadero_sync::cli;

namespace {

Terminal tty_with(std::istream& in) {
  Terminal terminal;
  terminal.stdin_tty = true;
  terminal.stderr_tty = true;
  terminal.in = &in;
  return terminal;
}

}  // namespace

TEST_CASE("on a terminal the prompt asks on stderr and only 'yes' approves") {
  std::istringstream in("yes\n");
  std::ostringstream err;
  CHECK(confirm_apply(tty_with(in), err, AutoApprove::no) == Confirmation::approved);
  CHECK(err.str() == "\nApply these changes? Only 'yes' is accepted.\n  Enter a value: ");
}

TEST_CASE("any answer but 'yes' cancels") {
  for (const char* answer : {"y\n", "YES\n", "no\n", "\n", "yes please\n", ""}) {
    std::istringstream in(answer);
    std::ostringstream err;
    CAPTURE(answer);
    CHECK(confirm_apply(tty_with(in), err, AutoApprove::no) == Confirmation::cancelled);
  }
  std::istringstream padded("  yes \r\n");
  std::ostringstream err;
  CHECK(confirm_apply(tty_with(padded), err, AutoApprove::no) == Confirmation::approved);
}

TEST_CASE("without a terminal apply is refused unless auto-approved, and nothing is asked") {
  std::istringstream in("yes\n");
  Terminal terminal;
  terminal.in = &in;
  std::ostringstream err;
  CHECK(confirm_apply(terminal, err, AutoApprove::no) == Confirmation::refused_no_terminal);
  CHECK(err.str().empty());
  CHECK(confirm_apply(terminal, err, AutoApprove::yes) == Confirmation::approved);
  CHECK(confirm_apply(tty_with(in), err, AutoApprove::yes) == Confirmation::approved);
  CHECK(err.str().empty());
}

TEST_CASE("the prompt names the project and API base it applies to") {
  std::istringstream in("yes\n");
  std::ostringstream err;
  CHECK(confirm_apply(tty_with(in), err, AutoApprove::no,
                      "project 5040 at https://api.loadero.com/v2/") == Confirmation::approved);
  CHECK(err.str() ==
        "\nApply these changes to project 5040 at https://api.loadero.com/v2/? Only 'yes' is "
        "accepted.\n  Enter a value: ");
}
