// Every limit the transport puts on a peer, with its default, in one place:
// how many connections, how big and how slow a request may be, how long a
// response may take to leave, and how much a WebSocket subscriber may have
// queued. docs/limits.md explains each one and names its flag. Beast-free.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace server {

// A body limit for every request whose path starts with `prefix`.
struct PathBodyLimit {
  std::string prefix;
  std::size_t max_bytes = 0;
};

struct Limits {
  // Connections, HTTP and WebSocket together. Over either cap a new
  // connection is closed on accept. The per-address cap keeps one address
  // from taking every place; 0 turns it off (e.g. behind a reverse proxy,
  // where every peer has the proxy's address).
  std::size_t max_connections = 10000;
  std::size_t max_connections_per_address = 1000;

  // A request's header must arrive whole within header_timeout of the wait's
  // start: a total deadline, so a peer sending a byte now and then is still
  // cut. Between keep-alive requests it is also the idle time.
  std::uint32_t max_header_bytes = 16 * 1024;
  std::chrono::milliseconds header_timeout{30000};

  // A body must arrive within body_timeout plus one second for every
  // body_min_bytes_per_second received: a slow but steady upload goes on, a
  // trickle is cut. 0 bytes per second: body_timeout is the whole deadline.
  std::size_t max_body_bytes = 1 << 20;                                    // JSON
  std::vector<PathBodyLimit> body_limits = {{"/api/uploads", 25u << 20}};  // attachments
  std::chrono::milliseconds body_timeout{30000};
  std::size_t body_min_bytes_per_second = 16 * 1024;

  // A response (the client's wasm on a slow link included) must be taken in this.
  std::chrono::milliseconds write_timeout{60000};
  // After refusing a request mid-body, its rest is read and dropped for this
  // long (at most linger_read_bytes at a time) so the client sees the answer.
  std::chrono::milliseconds linger_timeout{2000};
  std::size_t linger_read_bytes = 64 * 1024;

  // A WebSocket subscriber's outgoing queue. Past either bound the subscriber
  // is closed and resumes from its last `seq` when it reconnects.
  std::size_t ws_max_queued_messages = 1024;
  std::size_t ws_max_queued_bytes = 8u << 20;
  std::size_t ws_max_incoming_bytes = 64u << 10;  // one frame from the client
  // No frame from the peer for this long closes it (a ping goes out halfway).
  std::chrono::milliseconds ws_idle_timeout{60000};
  // The opening and the closing handshake must each finish within this.
  std::chrono::milliseconds ws_handshake_timeout{10000};
  // After close() a write stuck on a peer that does not read is cut after this;
  // also the time a refusal (401, 403) may take to leave.
  std::chrono::milliseconds ws_close_write_timeout{5000};
};

}  // namespace server
