#pragma once
// The confirmation that `apply` asks for before it changes anything.

#include <iosfwd>
#include <string>

#include "cli.hpp"

namespace loadero_sync::cli {

/// Whether `--auto-approve` was given.
enum class AutoApprove { no, yes };

enum class Confirmation {
  approved,             ///< --auto-approve, or the user typed exactly "yes"
  cancelled,            ///< the user typed anything else (or input ended)
  refused_no_terminal,  ///< standard input is not a terminal and --auto-approve was not given
};

/// Asks on `err` "Apply these changes? Only 'yes' is accepted." (with `target`, e.g. "project 5040
/// at https://api.loadero.com/v2/": "Apply these changes to project 5040 at ...?") and reads one line from
/// terminal.in when standard input is a terminal. Leading and trailing blanks of the answer are
/// ignored; the comparison is case-sensitive. Never throws except for stream errors the caller
/// enabled.
Confirmation confirm_apply(const Terminal& terminal, std::ostream& err, AutoApprove auto_approve,
                           const std::string& target = {});

}  // namespace loadero_sync::cli
