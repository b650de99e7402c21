#include "loadero/api_base.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "strings.hpp"

namespace loadero {

namespace {

using Problem = InvalidApiBase::Problem;

struct CurlUrl {
  CURLU* handle = curl_url();
  CurlUrl() = default;
  CurlUrl(const CurlUrl&) = delete;
  CurlUrl& operator=(const CurlUrl&) = delete;
  ~CurlUrl() { curl_url_cleanup(handle); }

  [[nodiscard]] std::optional<std::string> part(CURLUPart which) const {
    char* value = nullptr;
    if (curl_url_get(handle, which, &value, 0) != CURLUE_OK || value == nullptr)
      return std::nullopt;
    std::string text(value);
    curl_free(value);
    return text;
  }
};

// Case-insensitive ASCII comparison, without allocating (is_loopback_host is noexcept).
bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

bool is_loopback_host(std::string_view host) noexcept {
  if (equals_ignoring_case(host, "localhost") || host == "[::1]" || host == "::1") return true;
  // 127.0.0.0/8 written as a dotted quad; other spellings (127.1, hex) are not worth trusting.
  int octets = 0;
  int first = -1;
  while (true) {
    const auto dot = host.find('.');
    const std::string_view part = host.substr(0, dot);
    if (part.empty() || part.size() > 3) return false;
    int value = 0;
    for (const char c : part) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    if (octets++ == 0) first = value;
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return octets == 4 && first == 127;
}

ApiBase normalise_api_base(std::string_view given) {
  std::string base = detail::trim(given);
  if (base.empty()) throw InvalidApiBase(Problem::empty, "the API base URL is empty");
  const auto scheme_end = base.find("://");
  if (scheme_end == std::string::npos) {
    throw InvalidApiBase(Problem::not_a_url, "the API base URL '" + base +
                                                 "' is not a URL (expected https://host/path/)");
  }
  const std::string scheme = detail::to_lower(base.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") {
    throw InvalidApiBase(
        Problem::unsupported_scheme,
        "the API base URL '" + base + "' must use https:// (or http:// to a loopback host)");
  }
  CurlUrl url;
  const CURLUcode parsed = url.handle == nullptr
                               ? CURLUE_OUT_OF_MEMORY
                               : curl_url_set(url.handle, CURLUPART_URL, base.c_str(), 0);
  const auto host = parsed == CURLUE_OK ? url.part(CURLUPART_HOST) : std::nullopt;
  if (parsed == CURLUE_NO_HOST || (parsed == CURLUE_OK && (!host || host->empty())))
    throw InvalidApiBase(Problem::no_host, "the API base URL '" + base + "' has no host");
  if (parsed != CURLUE_OK)
    throw InvalidApiBase(Problem::malformed, "the API base URL '" + base + "' is not a valid URL");
  if (url.part(CURLUPART_USER) || url.part(CURLUPART_PASSWORD)) {
    throw InvalidApiBase(
        Problem::credentials,
        "the API base URL must not contain credentials; the token is given separately", *host);
  }
  if (url.part(CURLUPART_QUERY) || url.part(CURLUPART_FRAGMENT)) {
    throw InvalidApiBase(Problem::query_or_fragment,
                         "the API base URL '" + base + "' must not have a query or fragment",
                         *host);
  }
  const bool loopback = is_loopback_host(*host);
  if (scheme == "http" && !loopback) {
    throw InvalidApiBase(Problem::plain_http,
                         "refusing plain http:// to '" + *host +
                             "': the access token would travel unencrypted; use https:// "
                             "(http:// is allowed only for loopback hosts)",
                         *host);
  }
  if (base.back() != '/') base += '/';
  return ApiBase{std::move(base), *host, loopback};
}

}  // namespace loadero
