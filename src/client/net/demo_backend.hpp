// The in-page demo backend: a generated account held in memory and answered
// with the core's rules, so the client works on static hosting with no server.
#pragma once

#include <deque>
#include <utility>
#include <vector>

#include "core/demo_data.hpp"
#include "net/backend.hpp"

namespace net {

class DemoBackend : public Backend {
 public:
  DemoBackend(int dialog_count, core::TimeMs now);

  const core::Directory& directory() const override { return generator_.directory(); }
  void request_list(const core::ViewQuery& query, int limit, ListDone done) override;
  bool pump(core::TimeMs now) override;

 private:
  app::ListPage answer(const core::ViewQuery& query, int limit) const;

  core::DemoGenerator generator_;
  std::vector<core::DialogRow> rows_;
  std::deque<std::pair<app::ListPage, ListDone>> finished_;
};

}  // namespace net
