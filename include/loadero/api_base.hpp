#pragma once
// loadero::normalise_api_base and is_loopback_host: the checks an API base URL passes before an
// access token is sent to it. ApiClient applies them; a command line may apply them first to
// report a bad URL early, in its own words.

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace loadero {

/// A checked API base URL.
struct ApiBase {
  /// The URL as given, without surrounding white space, with a trailing '/' added when missing.
  std::string url;
  /// The host as libcurl reads it: "api.loadero.com", "127.0.0.1", "[::1]".
  std::string host;
  /// is_loopback_host(host).
  bool loopback = false;
};

/// Why normalise_api_base refused a URL. A std::invalid_argument, so callers that catch only
/// that still catch it; problem() and host() let a caller phrase its own message. what() is one
/// readable line that names the URL (except for Problem::credentials, since the URL holds a
/// password).
class InvalidApiBase : public std::invalid_argument {
 public:
  enum class Problem {
    empty,               ///< nothing but white space
    not_a_url,           ///< no "scheme://" ("api.loadero.com/v2/")
    unsupported_scheme,  ///< a scheme other than http or https ("ftp://...")
    malformed,           ///< libcurl cannot parse it
    no_host,             ///< "https:///v2/"
    credentials,         ///< a user name or password in it
    query_or_fragment,   ///< a "?query" or "#fragment"
    plain_http,          ///< http:// to a host that is not loopback
  };

  /// `message` becomes what(); `host` is the URL's host when it is known.
  InvalidApiBase(Problem problem, const std::string& message, std::string host = {})
      : std::invalid_argument(message), m_problem(problem), m_host(std::move(host)) {}

  Problem problem() const noexcept { return m_problem; }
  /// The URL's host when it was read before the problem was found (always for plain_http),
  /// otherwise empty.
  const std::string& host() const noexcept { return m_host; }

 private:
  Problem m_problem;
  std::string m_host;
};

/// Checks `base` and returns it normalised. It must be an absolute http:// or https:// URL (the
/// scheme in any case) with a host, without credentials, query or fragment; plain http:// is
/// allowed only to a loopback host, so that a token never travels unencrypted. Parsing uses
/// libcurl's URL API. Throws InvalidApiBase (a std::invalid_argument) naming the problem, e.g.
/// "refusing plain http:// to 'api.loadero.com': the access token would travel unencrypted; use
/// https:// (http:// is allowed only for loopback hosts)".
ApiBase normalise_api_base(std::string_view base);

/// True for "localhost", "::1", "[::1]" and a dotted quad in 127.0.0.0/8 ("127.1.2.3"), in any
/// letter case; false for everything else, including "127.0.0.1.example.com" and other names
/// that may resolve to loopback (no name lookup is made).
bool is_loopback_host(std::string_view host) noexcept;

}  // namespace loadero
