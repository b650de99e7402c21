#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "loadero_sync/manifest.hpp"
#include "manifest_loader.hpp"

namespace loadero_sync {
namespace {

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
  manifest_detail::Loader loader(limits);
  std::set<std::string> seen;
  auto load_file = [&](const fs::path& path) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    if (!seen.insert(ec ? path.string() : canonical.string()).second) return;
    const std::string name = path.string();
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) {
      loader.add_io_error(name, "cannot read file: " + ec.message(), "");
      return;
    }
    if (size > limits.max_file_bytes) {
      loader.add_io_error(
          name,
          "file is too large (" + std::to_string(size) + " bytes; the limit is " +
              std::to_string(limits.max_file_bytes) + " bytes)",
          "split the manifest into several files and pass them with -f (a directory works too)");
      return;
    }
    std::ifstream in(path, std::ios::binary);
    std::string text;
    if (in) {
      text.resize(static_cast<std::size_t>(size));
      in.read(text.data(), static_cast<std::streamsize>(size));
      text.resize(static_cast<std::size_t>(in.gcount()));
    }
    if (!in && !in.eof()) {
      loader.add_io_error(name, "cannot read file", "check that the file exists and is readable");
      return;
    }
    loader.add_text(name, std::move(text));
  };

  for (const std::string& p : paths) {
    const fs::path path(p);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      loader.add_io_error(p, "no such file or directory", "check the path given to -f");
    } else if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->is_regular_file(type_ec) && is_manifest_name(it->path()))
          found.push_back(it->path());
      }
      if (ec) {
        loader.add_io_error(p, "cannot read directory: " + ec.message(), "");
        continue;
      }
      if (found.empty()) {
        loader.add_io_error(p, "directory holds no *.yaml or *.yml file",
                            "pass manifest files or a directory of them");
        continue;
      }
      std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
        return a.filename().string() < b.filename().string();
      });
      for (const fs::path& f : found) load_file(f);
    } else {
      load_file(path);
    }
  }
  return loader.finish();
}

}  // namespace loadero_sync
