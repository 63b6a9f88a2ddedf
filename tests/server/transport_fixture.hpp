// Test fixture for the transport: a temporary static folder with one file of
// each kind, and a server on a free loopback port stopped on scope exit.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include "server/transport/server.hpp"

namespace testfixture {

namespace fs = std::filesystem;

// Text that compresses well, big enough for gzip to pay off.
inline std::string repetitive_text(const std::string& seed, int lines) {
  std::string out;
  for (int i = 0; i < lines; ++i) out += seed + " line " + std::to_string(i) + "\n";
  return out;
}

class StaticDir {
 public:
  StaticDir() {
    std::random_device rd;
    base_ = fs::temp_directory_path() / ("chats_transport_" + std::to_string(rd()));
    root_ = base_ / "site";
    fs::create_directories(root_ / "sub");
    write("index.html", "<!doctype html><title>inbox</title>");
    write("app.js", repetitive_text("console.log('hello');", 400));
    write("app.wasm", std::string("\0asm\1\0\0\0", 8) + repetitive_text("wasm", 200));
    write("style.css", "body { margin: 0 }\n");
    write("font.ttf", repetitive_text("glyphs", 100));
    write("logo.png", repetitive_text("not really a png", 100));
    write("sub/index.html", "<p>sub</p>");
    // Outside the served folder: traversal must never reach it.
    std::ofstream(base_ / "secret.txt") << "top secret";
  }
  ~StaticDir() {
    std::error_code ec;
    fs::remove_all(base_, ec);
  }
  std::string root() const { return root_.string(); }
  void write(const std::string& name, const std::string& content) {
    std::ofstream(root_ / name, std::ios::binary) << content;
  }

 private:
  fs::path base_;
  fs::path root_;
};

inline server::ServerConfig test_config(const std::string& static_dir = "") {
  server::ServerConfig config;
  config.port = 0;
  config.static_dir = static_dir;
  config.log_level = server::LogLevel::Error;  // quiet tests; errors still show
  config.shutdown_grace = std::chrono::milliseconds(3000);
  return config;
}

// Polls `done` until it holds or `timeout` passes.
template <class Pred>
bool eventually(Pred done, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return done();
}

}  // namespace testfixture
