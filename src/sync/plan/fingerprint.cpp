#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "loadero_sync/planner.hpp"

namespace loadero_sync {

namespace {

void append_number(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, end);
}

void append_text(std::string& out, std::string_view text) {
  append_number(out, static_cast<std::int64_t>(text.size()));
  out += ':';
  out += text;
}

void append_participants(std::string& canonical, const std::vector<LiveParticipant>& participants) {
  std::vector<const LiveParticipant*> sorted;
  sorted.reserve(participants.size());
  for (const auto& participant : participants) sorted.push_back(&participant);
  // Ties on id (never from the API) are broken by every field, so the order never matters.
  std::sort(sorted.begin(), sorted.end(), [](const LiveParticipant* a, const LiveParticipant* b) {
    const auto head = [](const LiveParticipant* p) {
      return std::tie(p->id, p->group_id, p->name, p->count);
    };
    if (head(a) != head(b)) return head(a) < head(b);
    // By value, never by the interned values' addresses (those depend on the order of interning).
    for (const auto field : all_participant_fields) {
      if (a->settings.get(field) != b->settings.get(field))
        return a->settings.get(field) < b->settings.get(field);
    }
    return false;
  });
  canonical += "participants\n";
  canonical.reserve(canonical.size() + participants.size() * 128);
  for (const auto* participant : sorted) {
    append_number(canonical, participant->id);
    canonical += '\t';
    if (participant->group_id) {
      append_number(canonical, *participant->group_id);
    } else {
      canonical += '-';
    }
    canonical += '\t';
    append_text(canonical, participant->name);
    canonical += '\t';
    append_number(canonical, participant->count);
    for (const auto field : all_participant_fields) {
      canonical += '\t';
      if (const auto& value = participant->settings.get(field)) {
        canonical += '=';
        append_text(canonical, *value);
      } else {
        canonical += '-';
      }
    }
    canonical += '\n';
  }
}

}  // namespace

std::string live_fingerprint(const std::vector<LiveGroup>& groups,
                             const std::optional<std::vector<LiveParticipant>>& participants) {
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
  if (participants) append_participants(canonical, *participants);

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
