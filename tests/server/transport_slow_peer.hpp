// A raw loopback connection for the limit tests: sends its bytes a few at a
// time, from a chosen source address, and notices when the server hangs up.
// Plain POSIX sockets: no Beast, so nothing here smooths the pace.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace testclient {

class SlowPeer {
 public:
  // `source` is any 127.x.y.z address: loopback answers them all, so a test
  // can speak from several peer addresses.
  explicit SlowPeer(unsigned short port, const std::string& source = "127.0.0.1");
  ~SlowPeer();
  SlowPeer(const SlowPeer&) = delete;
  SlowPeer& operator=(const SlowPeer&) = delete;

  bool connected() const { return fd_ >= 0; }
  // Sends `bytes` in pieces of `piece` bytes, one every `interval`, reading
  // what arrives meanwhile; stops early when the server closes.
  void send_slowly(const std::string& bytes, std::size_t piece, std::chrono::milliseconds interval);
  void send(const std::string& bytes) { send_slowly(bytes, bytes.size(), {}); }
  // Reads until the server closes (true) or `timeout` passes (false).
  bool wait_closed(std::chrono::milliseconds timeout);
  bool closed() const { return closed_; }
  const std::string& received() const { return received_; }

 private:
  void read_for(std::chrono::milliseconds time);

  int fd_ = -1;
  bool closed_ = false;
  std::string received_;
};

}  // namespace testclient
