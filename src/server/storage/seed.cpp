// Seeding the demo account through the Store interface, so seeded rows pass
// the same checks as the API's writes.
#include "server/storage/seed.hpp"

#include <algorithm>
#include <chrono>

#include "core/demo_data.hpp"

namespace server {
namespace {

// The generator uses one id per client, dialog, message and task, plus the
// directory's: an upper bound to reserve before it starts.
constexpr std::int64_t kDirectoryIds = 64;
constexpr int kMaxMessages = 18;  // per dialog, as DemoOptions' default

}  // namespace

SeedStats seed_demo(Store& store, const SeedOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  SeedStats stats;

  core::DemoOptions demo;
  demo.seed = options.seed;
  demo.now = options.now;
  if (demo.now == 0) {
    demo.now = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  }
  demo.max_messages = kMaxMessages;
  const int count = std::max(options.dialogs, 0);
  const std::int64_t ids = kDirectoryIds + static_cast<std::int64_t>(count) * (kMaxMessages + 3);

  // The generator's account name is known only once it exists: make it with a
  // placeholder account id, then rebuild with the real one.
  demo.account_id = store.create_account(core::DemoGenerator(demo).account().name);
  demo.first_id = store.reserve_ids(ids);
  core::DemoGenerator generator(demo);
  stats.account_id = demo.account_id;

  const core::Directory& dir = generator.directory();
  store.transaction([&] {
    for (const core::Source& s : dir.sources) store.save_source(s);
    for (core::Operator op : dir.operators) {
      op.email = options.email_prefix + op.email;
      store.save_operator(op, options.password_hash);
    }
    for (const core::FunnelStatus& s : dir.statuses) store.save_status(s);
    for (const core::Tag& t : dir.tags) store.save_tag(t);
    for (const core::Template& t : dir.templates) store.save_template(t);
    core::Source chat{0, demo.account_id, core::ChannelKind::WebChat, "Чат на сайте",
                      "romashka.ru"};
    stats.webchat_source = store.save_source(chat);
    SourceConnection c;
    c.source_id = stats.webchat_source;
    c.account_id = demo.account_id;
    c.channel = chat.channel;
    c.settings = R"({"greeting":"Здравствуйте! Напишите нам, ответим за пару минут."})";
    store.channels().save_connection(c);
  });

  const int batch = std::max(options.batch, 1);
  for (int done = 0; done < count;) {
    const int n = std::min(batch, count - done);
    store.transaction([&] {
      for (int i = 0; i < n; ++i) {
        const core::DemoDialog d = generator.next();
        store.save_client(d.client);
        store.save_dialog(d.dialog);
        for (const core::Message& m : d.messages) store.save_message(m);
        stats.messages += static_cast<std::int64_t>(d.messages.size());
      }
    });
    done += n;
    stats.dialogs = done;
    if (options.progress) options.progress(done);
  }
  stats.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return stats;
}

}  // namespace server
