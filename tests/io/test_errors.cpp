// Every tests/bad/NN-name.toml gives exactly the diagnostics of its NN-name.err, one line each,
// as the command line prints them. REEPLAN_UPDATE_ERR=1 rewrites the .err files from the
// current output, for review in the diff.

#include "io/reader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace reeplan;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

std::vector<fs::path> bad_cases() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(REEPLAN_SOURCE_DIR) / "tests" / "bad"))
        if (e.path().extension() == ".toml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("every bad input gives exactly its expected diagnostics", "[io][errors]") {
    const auto files = bad_cases();
    CHECK(files.size() >= 45);
    const bool update = std::getenv("REEPLAN_UPDATE_ERR") != nullptr;
    for (const fs::path& toml : files) {
        const std::string name = toml.filename().string();
        // problems that need the whole model (the correlation matrix, the draws against each
        // parameter's range) are found after reading, by the command line; bad_input.sh covers them
        if (read_text(toml).rfind("# [after reading]", 0) == 0) continue;
        std::vector<std::string> got;
        try {
            io::parse_plan(read_text(toml), name);
        } catch (const model::InputError& e) {
            for (const auto& d : e.diagnostics()) got.push_back("reeplan: error: " + d.format());
        }
        fs::path err = toml;
        err.replace_extension(".err");
        if (update) {
            std::ofstream out(err, std::ios::binary);
            for (const auto& line : got) out << line << "\n";
        }
        INFO(name);
        REQUIRE(fs::exists(err));
        CHECK_FALSE(got.empty());
        CHECK(got == lines_of(read_text(err)));
    }
}
