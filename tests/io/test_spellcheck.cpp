#include "io/spellcheck.hpp"

#include <catch2/catch.hpp>

using namespace reeplan::io;

TEST_CASE("edit distance counts adjacent swaps as one edit", "[io][spellcheck]") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("kitten", "sitting") == 3);  // the classic Levenshtein example
    CHECK(edit_distance("ca", "ac") == 1);
    CHECK(edit_distance("capacity", "capacity_tpy") == 4);
    CHECK(edit_distance("stgae", "stage") == 1);
}

TEST_CASE("closest suggests near candidates only", "[io][spellcheck]") {
    const std::vector<std::string> keys{"capacity_tpy", "capex_musd", "capex_profile", "stage"};
    CHECK(closest("capacity", keys) == std::optional<std::string>("capacity_tpy"));
    CHECK(closest("stgae", keys) == std::optional<std::string>("stage"));
    CHECK(closest("capex_muds", keys) == std::optional<std::string>("capex_musd"));
    CHECK_FALSE(closest("zzz", keys));
    CHECK_FALSE(closest("a", {"b"}));  // never a total replacement
    CHECK(closest("alloy-2", {"sep-1", "alloy-1", "mag-1"}) == std::optional<std::string>("alloy-1"));
    CHECK_FALSE(closest("stage", keys));  // the word itself is not a suggestion
}
