#pragma once
/// Errors that reach the user: input problems with their location, and usage problems.

#include <stdexcept>
#include <string>
#include <vector>

namespace reeplan::model {

/// Where a value sits in an input file. line and column are 1-based; 0 means unknown.
struct SourcePos {
    std::string file;
    int line = 0;
    int column = 0;
};

/// One problem in an input: `FILE:LINE:COL: key.path: what is wrong; what was expected`.
struct Diagnostic {
    SourcePos pos;
    std::string path;     ///< dotted key path, e.g. "plant.sep-1.capacity_tpy"
    std::string message;  ///< what is wrong and what was expected

    /// The message as printed after "reeplan: error: ".
    std::string format() const {
        std::string s = pos.file;
        if (pos.line > 0) s += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
        s += ": ";
        if (!path.empty()) s += path + ": ";
        s += message;
        return s;
    }
};

/// Every problem found in an input, all at once (exit status 3).
class InputError : public std::runtime_error {
public:
    explicit InputError(std::vector<Diagnostic> diags)
        : std::runtime_error(diags.empty() ? std::string("invalid input") : diags.front().format()),
          diagnostics_(std::move(diags)) {}
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

/// A command line that cannot be carried out as written (exit status 2).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace reeplan::model
