#include "prompt.hpp"

#include <istream>
#include <ostream>
#include <string>

namespace loadero_sync::cli {

Confirmation confirm_apply(const Terminal& terminal, std::ostream& err, AutoApprove auto_approve,
                           const std::string& target) {
  if (auto_approve == AutoApprove::yes) return Confirmation::approved;
  if (!terminal.stdin_tty || terminal.in == nullptr) return Confirmation::refused_no_terminal;
  err << "\nApply these changes" << (target.empty() ? "" : " to " + target)
      << "? Only 'yes' is accepted.\n  Enter a value: " << std::flush;
  std::string answer;
  if (!std::getline(*terminal.in, answer)) {
    err << '\n';
    return Confirmation::cancelled;
  }
  const auto first = answer.find_first_not_of(" \t\r");
  const auto last = answer.find_last_not_of(" \t\r");
  answer = first == std::string::npos ? std::string() : answer.substr(first, last - first + 1);
  return answer == "yes" ? Confirmation::approved : Confirmation::cancelled;
}

}  // namespace loadero_sync::cli
