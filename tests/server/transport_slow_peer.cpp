// The slow test peer (see transport_slow_peer.hpp).
#include "server/transport_slow_peer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace testclient {

namespace {

sockaddr_in address(const std::string& ip, unsigned short port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  inet_pton(AF_INET, ip.c_str(), &a.sin_addr);
  return a;
}

}  // namespace

SlowPeer::SlowPeer(unsigned short port, const std::string& source) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return;
  const sockaddr_in from = address(source, 0);
  const sockaddr_in to = address("127.0.0.1", port);
  if (::bind(fd_, reinterpret_cast<const sockaddr*>(&from), sizeof from) != 0 ||
      ::connect(fd_, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

SlowPeer::~SlowPeer() {
  if (fd_ >= 0) ::close(fd_);
}

void SlowPeer::send_slowly(const std::string& bytes, std::size_t piece,
                           std::chrono::milliseconds interval) {
  if (piece == 0) piece = 1;
  for (std::size_t at = 0; at < bytes.size() && !closed_ && fd_ >= 0; at += piece) {
    const std::size_t n = std::min(piece, bytes.size() - at);
    if (::send(fd_, bytes.data() + at, n, MSG_NOSIGNAL) != static_cast<ssize_t>(n)) {
      closed_ = true;
      return;
    }
    read_for(interval);
  }
}

bool SlowPeer::wait_closed(std::chrono::milliseconds timeout) {
  read_for(timeout);
  return closed_;
}

void SlowPeer::read_for(std::chrono::milliseconds time) {
  const auto deadline = std::chrono::steady_clock::now() + time;
  while (!closed_ && fd_ >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char chunk[4096];
    const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
    if (got <= 0) {
      closed_ = true;  // the server's FIN, or a reset
      return;
    }
    received_.append(chunk, static_cast<std::size_t>(got));
  }
}

}  // namespace testclient
