#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "loadero_sync/planner.hpp"

namespace loadero_sync {

std::string live_fingerprint(const std::vector<LiveGroup>& groups) {
  std::vector<const LiveGroup*> sorted;
  sorted.reserve(groups.size());
  for (const auto& group : groups) sorted.push_back(&group);
  std::sort(sorted.begin(), sorted.end(), [](const LiveGroup* a, const LiveGroup* b) {
    if (a->id != b->id) return a->id < b->id;
    if (a->name != b->name) return a->name < b->name;
    return a->count < b->count;
  });

  std::string canonical;
  for (const auto* group : sorted) {
    canonical += std::to_string(group->id);
    canonical += '\t';
    canonical += group->name;
    canonical += '\t';
    canonical += std::to_string(group->count);
    canonical += '\n';
  }

  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                        &EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), canonical.data(), canonical.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest, &digest_size) != 1) {
    // Only an allocation failure inside OpenSSL gets here.
    throw std::bad_alloc();
  }

  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < digest_size; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0x0f];
  }
  return out;
}

}  // namespace loadero_sync
