// The in-page demo backend: a generated account held in memory and answered
// with the core's rules, so the client works on static hosting with no server.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/demo_data.hpp"
#include "core/lifecycle.hpp"
#include "net/backend.hpp"
#include "net/demo_traffic.hpp"

namespace net {

class DemoBackend : public Backend {
 public:
  DemoBackend(int dialog_count, core::TimeMs now);

  const core::Directory& directory() const override { return generator_.directory(); }
  int directory_generation() const override { return directory_generation_; }
  void request_list(const core::ViewQuery& query, int limit, ListDone done) override;
  bool pump(core::TimeMs now) override;
  void set_event_sink(EventSink sink) override { sink_ = std::move(sink); }

  void request_messages(core::Id dialog, core::Id before, int limit, MessagesDone done) override;
  void send_message(core::Id dialog, const Outgoing& message, DialogDone done) override;
  void change(core::Id dialog, const core::DialogChange& change, DialogDone done) override;
  // The demo's sources send nowhere: no message of it fails, none is retried.
  void retry_delivery(core::Id dialog, core::Id message, DialogDone done) override;
  // The demo's sources are made up: listed, never connected; connecting one
  // needs the server.
  void request_sources(SourcesDone done) override;
  void connect_source(const app::ConnectForm& form, SourceDone done) override;
  void set_source_enabled(core::Id source, bool enabled, SourceDone done) override;
  core::TimeMs wake_at() const override;
  // Settings change the demo's own directory under the same checks; the
  // block list is kept in the page.
  void change_settings(const app::SettingsChange& change, SettingsDone done) override;
  void request_block_list(SettingsDone done) override;
  void request_status_usage(SettingsDone done) override;
  // The demo's owner renames themself; the demo has no passwords to change.
  void change_profile(const app::ProfileChange& change, SettingsDone done) override;

  // Simulated incoming messages (off until set; see demo_traffic.hpp).
  void set_traffic(TrafficOptions options);

  void request_window(const core::ViewQuery& query, const std::string& cursor, int limit,
                      WindowDone done) override;
  void bulk(const core::BulkRequest& request, BulkDone done) override;
  void write_first(core::Id source, const std::string& to, const std::string& text,
                   DialogDone done) override;
  // The demo has no sign-in: it works as the account owner.
  core::Id operator_id() const override {
    return directory().operators.empty() ? core::kNoId : directory().operators.front().id;
  }

 private:
  void answer_settings(SettingsAnswer answer, SettingsDone done);  // from pump()
  void receive_simulated();                                        // one simulated incoming message
  // The `limit` rows of the view after `cursor` ("" for the first window).
  app::ListPage answer(const core::ViewQuery& query, int limit,
                       const std::string& cursor = std::string()) const;
  core::DialogRow* find(core::Id dialog);
  // Stamps and stores an operator's message, fills the answer, publishes message_added.
  void add_outgoing(core::DialogRow& row, core::Message m, DialogAnswer& answer);
  void publish(core::Event event);

  core::DemoGenerator generator_;
  std::vector<core::DialogRow> rows_;
  std::unordered_map<core::Id, std::vector<core::Message>> messages_;  // oldest first
  core::Id next_message_id_ = 1;                                       // messages and tasks
  core::TimeMs now_ = 0;
  std::int64_t seq_ = 0;
  EventSink sink_;
  std::deque<std::function<void()>> finished_;  // answers and events for the next pump()
  TrafficClock traffic_{TrafficOptions{false}};
  std::vector<app::BlockEntry> block_list_;
  core::Id next_setting_id_ = 100000;  // ids of the items created in the demo
  // Grows once a change's answer was handed over: the answer comes first, as the
  // server's does before its directory_changed.
  int directory_generation_ = 0;
};

}  // namespace net
