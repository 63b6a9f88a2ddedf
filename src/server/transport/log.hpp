// Structured logs for the server: one key=value line per record on stderr,
// filtered by level. Callers pass only what is safe to log: never bodies,
// query strings, cookies or tokens.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace server {

enum class LogLevel { Error = 0, Warn = 1, Info = 2, Debug = 3 };

// "error", "warn", "info", "debug"; anything else gives `fallback`.
LogLevel parse_log_level(const std::string& name, LogLevel fallback = LogLevel::Info);
const char* log_level_name(LogLevel level);

using LogFields = std::vector<std::pair<std::string, std::string>>;

class Logger {
 public:
  explicit Logger(LogLevel level = LogLevel::Info) : level_(level) {}
  bool enabled(LogLevel level) const { return level <= level_; }
  // Writes `time=... level=... event=<event> k=v ...` as one line (one write,
  // so lines from several threads never interleave).
  void write(LogLevel level, const std::string& event, const LogFields& fields) const;

 private:
  LogLevel level_;
};

// One record as text, without the trailing newline; values with spaces,
// quotes or '=' are quoted. Exposed for tests.
std::string format_log_line(const std::string& time, LogLevel level, const std::string& event,
                            const LogFields& fields);

}  // namespace server
