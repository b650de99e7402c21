#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "loadero_sync/manifest.hpp"
#include "manifest_loader.hpp"

namespace loadero_sync {
namespace {

/// How many files are read and parsed ahead of the one being checked, at most (fewer on a machine
/// with fewer hardware threads): each parsed 4 MiB file holds a tree of some 50 MB.
constexpr std::size_t k_max_files_ahead = 4;

bool is_manifest_name(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

}  // namespace

LoadResult load_manifest_text(std::string_view text, const std::string& file_name,
                              const LoadLimits& limits) {
  manifest_detail::Loader loader(limits);
  loader.add_text(file_name, std::string(text));
  return loader.finish();
}

LoadResult load_manifests(const std::vector<std::string>& paths, const LoadLimits& limits) {
  namespace fs = std::filesystem;
  using manifest_detail::Loader;

  // First the list of files, in load order, with the problems that stat alone finds.
  struct Item {
    std::string name;
    std::uintmax_t size = 0;
    std::string error;  // set: nothing to read, this is the file's one diagnostic
    std::string hint;
  };
  std::vector<Item> items;
  std::set<std::string> seen;
  auto add_file = [&](const fs::path& path) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    if (!seen.insert(ec ? path.string() : canonical.string()).second) return;
    Item& item = items.emplace_back();
    item.name = path.string();
    item.size = fs::file_size(path, ec);
    if (ec) {
      item.error = "cannot read file: " + ec.message();
    } else if (item.size > limits.max_file_bytes) {
      item.error = "file is too large (" + std::to_string(item.size) + " bytes; the limit is " +
                   std::to_string(limits.max_file_bytes) + " bytes)";
      item.hint =
          "split the manifest into several files and pass them with -f (a directory works too)";
    }
  };
  auto add_error = [&](const std::string& name, std::string message, std::string hint) {
    items.push_back(Item{name, 0, std::move(message), std::move(hint)});
  };
  for (const std::string& p : paths) {
    const fs::path path(p);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      add_error(p, "no such file or directory", "check the path given to -f");
    } else if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->is_regular_file(type_ec) && is_manifest_name(it->path()))
          found.push_back(it->path());
      }
      if (ec) {
        add_error(p, "cannot read directory: " + ec.message(), "");
        continue;
      }
      if (found.empty()) {
        add_error(p, "directory holds no *.yaml or *.yml file",
                  "pass manifest files or a directory of them");
        continue;
      }
      std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
        return a.filename().string() < b.filename().string();
      });
      for (const fs::path& f : found) add_file(f);
    } else {
      add_file(path);
    }
  }

  // Then reading and parsing, the bulk of the work, runs a few files ahead on other threads while
  // the loader checks and merges the files in order (the rules compare tests across files, so
  // their order is fixed). At most `ahead` parsed files wait at a time, which bounds the memory.
  struct Read {
    bool ok = false;
    Loader::ParsedFile parsed;
  };
  auto read_and_parse = [&limits](std::string name, std::uintmax_t size) {
    Read out;
    std::ifstream in(name, std::ios::binary);
    std::string text;
    if (in) {
      text.resize(static_cast<std::size_t>(size));
      in.read(text.data(), static_cast<std::streamsize>(size));
      text.resize(static_cast<std::size_t>(in.gcount()));
    }
    if (!in && !in.eof()) return out;
    out.ok = true;
    out.parsed = Loader::parse_text(std::move(text), limits);
    return out;
  };
  const std::size_t ahead =
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, k_max_files_ahead);
  Loader loader(limits);
  std::deque<std::future<Read>> pending;  // for items[next - pending.size()] .. items[next - 1]
  std::size_t next = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (; next < items.size() && next < i + ahead; ++next) {
      pending.push_back(items[next].error.empty() ? std::async(std::launch::async, read_and_parse,
                                                               items[next].name, items[next].size)
                                                  : std::future<Read>());
    }
    std::future<Read> job = std::move(pending.front());
    pending.pop_front();
    Item& item = items[i];
    if (!item.error.empty()) {
      loader.add_io_error(item.name, std::move(item.error), std::move(item.hint));
      continue;
    }
    Read read = job.get();
    if (!read.ok) {
      loader.add_io_error(item.name, "cannot read file",
                          "check that the file exists and is readable");
      continue;
    }
    loader.add_parsed(item.name, std::move(read.parsed));
  }
  return loader.finish();
}

}  // namespace loadero_sync
