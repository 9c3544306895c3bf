#include "report/shard.hpp"

#include "model/error.hpp"

#include <nlohmann/json.hpp>

#include <cstring>

namespace reeplan::report {

namespace {

constexpr const char* kMagic = "reeplan-shard 1\n";

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw model::InputError({model::Diagnostic{model::SourcePos{path, 0, 0}, "", what}});
}

/// Little-endian bytes of a double, whatever the host's order.
void put(std::string& out, double v) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int k = 0; k < 8; ++k) out.push_back(static_cast<char>((bits >> (8 * k)) & 0xff));
}

double get(const char* p) {
    std::uint64_t bits = 0;
    for (int k = 0; k < 8; ++k) bits |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}

}  // namespace

std::string encode_shard(const ShardHeader& h, const sim::Samples& samples) {
    nlohmann::ordered_json j;
    j["reeplan_version"] = h.version;
    j["input"] = {{"path", h.input_path}, {"sha256", h.input_sha256}};
    j["scenario"] = h.scenario;
    j["sets"] = h.sets;
    j["seed"] = h.seed;
    j["paths"] = h.paths;
    j["shard"] = h.shard;
    j["shards"] = h.shards;
    j["first_path"] = samples.first_path;
    j["count"] = samples.paths;
    j["metric"] = h.metric;
    j["lcop"] = h.lcop;
    j["repair_correlation"] = h.repair_correlation;
    j["byte_order"] = "little";
    j["columns"] = h.columns;
    j["input_text"] = h.input_text;
    std::string out = kMagic;
    out += j.dump();
    out += '\n';
    out.reserve(out.size() + samples.values.size() * 8);
    for (double v : samples.values) put(out, v);
    return out;
}

DecodedShard decode_shard(const std::string& bytes, const std::string& path) {
    const std::size_t magic = std::strlen(kMagic);
    if (bytes.compare(0, magic, kMagic) != 0)
        fail(path, "not a shard written by `reeplan simulate --shard` (expected the first line \"reeplan-shard 1\")");
    const std::size_t eol = bytes.find('\n', magic);
    if (eol == std::string::npos) fail(path, "the shard's header is cut short");
    DecodedShard d;
    ShardHeader& h = d.header;
    try {
        const nlohmann::json j = nlohmann::json::parse(bytes.begin() + static_cast<std::ptrdiff_t>(magic),
                                                       bytes.begin() + static_cast<std::ptrdiff_t>(eol));
        h.version = j.at("reeplan_version").get<std::string>();
        h.input_path = j.at("input").at("path").get<std::string>();
        h.input_sha256 = j.at("input").at("sha256").get<std::string>();
        h.scenario = j.at("scenario").get<std::string>();
        h.sets = j.at("sets").get<std::vector<std::string>>();
        h.seed = j.at("seed").get<std::uint64_t>();
        h.paths = j.at("paths").get<std::size_t>();
        h.shard = j.at("shard").get<std::size_t>();
        h.shards = j.at("shards").get<std::size_t>();
        h.first_path = j.at("first_path").get<std::size_t>();
        h.count = j.at("count").get<std::size_t>();
        h.metric = j.at("metric").get<std::string>();
        h.lcop = j.at("lcop").get<bool>();
        h.repair_correlation = j.at("repair_correlation").get<bool>();
        h.columns = j.at("columns").get<std::vector<std::string>>();
        h.input_text = j.at("input_text").get<std::string>();
        if (j.at("byte_order").get<std::string>() != "little") fail(path, "unknown byte_order; expected \"little\"");
    } catch (const nlohmann::json::exception& e) {
        fail(path, std::string("the shard's header is not valid: ") + e.what());
    }
    const std::size_t width = h.columns.size();
    const std::size_t need = h.count * width * 8;
    const std::size_t have = bytes.size() - eol - 1;
    if (have != need)
        fail(path, "the shard holds " + std::to_string(have) + " bytes of samples; expected " + std::to_string(need) +
                       " (" + std::to_string(h.count) + " paths × " + std::to_string(width) + " values × 8 bytes)");
    sim::Samples& s = d.samples;
    s.first_path = h.first_path;
    s.paths = h.count;
    s.width = width;
    s.values.resize(h.count * width);
    const char* p = bytes.data() + eol + 1;
    for (std::size_t k = 0; k < s.values.size(); ++k) s.values[k] = get(p + 8 * k);
    return d;
}

}  // namespace reeplan::report
