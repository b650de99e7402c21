#pragma once
// Convenience header: all of libloadero.

#include "loadero/api_base.hpp"
#include "loadero/api_client.hpp"
#include "loadero/api_error.hpp"
#include "loadero/curl_transport.hpp"
#include "loadero/dry_run_transport.hpp"
#include "loadero/group.hpp"
#include "loadero/limits.hpp"
#include "loadero/pagination.hpp"
#include "loadero/participant.hpp"
#include "loadero/participant_enums.hpp"
#include "loadero/participant_filters.hpp"
#include "loadero/project.hpp"
#include "loadero/query_params.hpp"
#include "loadero/test.hpp"
#include "loadero/timestamp.hpp"
#include "loadero/transport.hpp"
