#pragma once
/// The subcommands of `reeplan`. Each file adds one subcommand to the app and returns the
/// function that runs it once the command line is parsed. Only this folder prints.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace reeplan::cli {

/// Exit statuses (man/reeplan.1, EXIT STATUS).
enum Exit : int { Ok = 0, Failure = 1, Usage = 2, BadInput = 3, OutputFailed = 4 };

using Runner = std::function<int()>;

Runner add_plan(CLI::App& app);
Runner add_validate(CLI::App& app);
Runner add_init(CLI::App& app);
Runner add_compare(CLI::App& app);
Runner add_timeline(CLI::App& app);
Runner add_wacc(CLI::App& app);
Runner add_premium(CLI::App& app);

/// Writes `text` to `path` atomically (a temporary file beside it, then rename), so a failed run
/// never leaves a partial file. "-" or empty writes to stdout. Throws std::runtime_error.
void write_output(const std::string& path, const std::string& text);

/// Prints each line to stderr as "reeplan: warning: ...".
void warn(const std::vector<std::string>& lines);

/// True when colour may be used on stdout: a terminal and NO_COLOR unset or empty.
bool stdout_wants_color();

}  // namespace reeplan::cli
