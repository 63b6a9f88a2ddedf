// The dialog list and every change to a dialog but messages: lifecycle,
// status, responsible, tags, price and fields, tasks, read state, bulk.
#include <algorithm>

#include "core/bulk.hpp"
#include "core/lifecycle.hpp"
#include "core/visibility.hpp"
#include "server/api/api.hpp"
#include "server/api/api_error.hpp"
#include "server/api/json_args.hpp"

namespace server {
namespace {

constexpr std::size_t kMaxTaskText = 2000;
constexpr std::size_t kMaxFields = 50;
constexpr std::size_t kMaxFieldBytes = 1000;

core::Json list_json(const ListResult& result) {
  core::Json rows = core::Json::array();
  for (const core::DialogRow& row : result.rows) rows.push_back(core::encode(row));
  core::Json counts = core::Json::object();
  for (int m = 0; m < core::kDialogModeCount; ++m) {
    counts[std::string(core::to_string(static_cast<core::DialogMode>(m)))] = {
        {"total", result.counts[m].total}, {"unread", result.counts[m].unread}};
  }
  return {{"rows", rows},
          {"total", result.total},
          {"counts", counts},
          {"next_cursor", result.next_cursor},
          {"seq", result.seq}};
}

void check_outcome(const core::Outcome& outcome) {
  if (!outcome.ok) throw unprocessable(outcome.code, outcome.error);
}

// Runs a change on a visible dialog, saves it and publishes the new row.
template <class Change>
HttpResponse change_dialog(ApiContext& ctx, Call& call, Change change) {
  core::DialogRow row = ctx.visible_dialog(call.op, call.id(0));
  change(row.dialog);
  core::Json body = core::encode(row);
  ctx.save_and_publish(call.op, std::move(row));
  return json_response(200, body);
}

core::Task* find_task(core::Dialog& d, core::Id id) {
  auto it = std::find_if(d.tasks.begin(), d.tasks.end(),
                         [id](const core::Task& t) { return t.id == id; });
  if (it == d.tasks.end()) throw not_found("task " + std::to_string(id) + " not found");
  return &*it;
}

core::TimeMs time_field(const core::Json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return 0;
  if (!it->is_number_integer() || it->get<std::int64_t>() < 0) {
    throw bad_request(std::string(field) + ": expected a time in Unix milliseconds");
  }
  return it->get<core::TimeMs>();
}

// A patch that names no field it knows is a client's bug (a misspelt key,
// say): refused rather than saved and published as a change of nothing.
void require_some_task_change(const core::Json& body) {
  for (const char* field : {"text", "done", "due", "assignee_id"}) {
    if (body.contains(field)) return;
  }
  throw bad_request("text, done, due or assignee_id: required, at least one");
}

void check_assignee(ApiContext& ctx, const core::Operator& op, core::Id id) {
  if (id != core::kNoId && !ctx.directory(op.account_id)->assignable_operator(id)) {
    throw bad_request("operator_id: no such operator");
  }
}

}  // namespace

void add_dialog_routes(Router& router, ApiContext& ctx) {
  router.add("GET", "/api/dialogs", true, [&ctx](Call& call) {
    ListRequest request;
    request.query = view_query_from(call.request.query);
    request.limit = int_param(call.request.query, "limit", 50, 1, ctx.options().max_page);
    auto cursor = call.request.query.find("cursor");
    if (cursor != call.request.query.end()) request.cursor = cursor->second;
    return json_response(200, list_json(ctx.store().list_dialogs(call.op, request)));
  });

  router.add("GET", "/api/dialogs/{}", true, [&ctx](Call& call) {
    return json_response(200, core::encode(ctx.visible_dialog(call.op, call.id(0))));
  });

  router.add("POST", "/api/dialogs/{}/accept", true, [&ctx](Call& call) {
    return change_dialog(ctx, call, [](core::Dialog& d) { check_outcome(core::accept(d)); });
  });
  router.add("POST", "/api/dialogs/{}/archive", true, [&ctx](Call& call) {
    return change_dialog(ctx, call, [](core::Dialog& d) { check_outcome(core::archive(d)); });
  });
  router.add("POST", "/api/dialogs/{}/read", true, [&ctx](Call& call) {
    return change_dialog(ctx, call, [](core::Dialog& d) { core::mark_read(d); });
  });
  router.add("POST", "/api/dialogs/{}/unread", true, [&ctx](Call& call) {
    return change_dialog(ctx, call, [](core::Dialog& d) { core::mark_unread(d); });
  });

  router.add("PUT", "/api/dialogs/{}/status", true, [&ctx](Call& call) {
    const core::Id status_id = required_id(call.body(), "status_id");
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Directory& dir = *dir_ref;
    const core::FunnelStatus* status = dir.find_status(status_id);
    if (!status) throw bad_request("status_id: no such funnel status");
    return change_dialog(
        ctx, call, [status](core::Dialog& d) { check_outcome(core::set_status(d, *status)); });
  });

  router.add("PUT", "/api/dialogs/{}/responsible", true, [&ctx](Call& call) {
    // A body without operator_id is a client's bug, not a request to unassign.
    const core::Id operator_id = required_id_or_none(call.body(), "operator_id");
    check_assignee(ctx, call.op, operator_id);
    return change_dialog(ctx, call,
                         [operator_id](core::Dialog& d) { d.responsible_id = operator_id; });
  });

  router.add("POST", "/api/dialogs/{}/tags", true, [&ctx](Call& call) {
    const std::vector<core::Id> tags = id_list(call.body(), "tag_ids", 100);
    if (tags.empty()) throw bad_request("tag_ids: required, at least one");
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Directory& dir = *dir_ref;
    for (core::Id t : tags) {
      if (!dir.find_tag(t)) throw bad_request("tag_ids: no such tag " + std::to_string(t));
    }
    return change_dialog(ctx, call, [&tags](core::Dialog& d) {
      d.tag_ids.insert(d.tag_ids.end(), tags.begin(), tags.end());
      std::sort(d.tag_ids.begin(), d.tag_ids.end());
      d.tag_ids.erase(std::unique(d.tag_ids.begin(), d.tag_ids.end()), d.tag_ids.end());
    });
  });

  router.add("DELETE", "/api/dialogs/{}/tags/{}", true, [&ctx](Call& call) {
    const core::Id tag = call.id(1);
    return change_dialog(ctx, call, [tag](core::Dialog& d) {
      d.tag_ids.erase(std::remove(d.tag_ids.begin(), d.tag_ids.end(), tag), d.tag_ids.end());
    });
  });

  router.add("PUT", "/api/dialogs/{}/price", true, [&ctx](Call& call) {
    require_field(call.body(), "price");
    auto it = call.body().find("price");
    if (!it->is_number_integer()) {
      throw bad_request("price: expected an integer amount in minor units");
    }
    const std::int64_t price = it->get<std::int64_t>();
    if (price < 0) throw bad_request("price: must not be negative");
    return change_dialog(ctx, call, [price](core::Dialog& d) { d.price = price; });
  });

  router.add("PUT", "/api/dialogs/{}/fields", true, [&ctx](Call& call) {
    require_field(call.body(), "fields");  // an empty array clears them; absence does not
    auto it = call.body().find("fields");
    if (!it->is_array()) throw bad_request("fields: expected an array");
    if (it->size() > kMaxFields) throw bad_request("fields: more than 50");
    std::vector<core::CustomField> fields;
    for (std::size_t i = 0; i < it->size(); ++i) {
      const core::Json& f = (*it)[i];
      const std::string at = "fields[" + std::to_string(i) + "]";
      if (!f.is_object()) throw bad_request(at + ": expected an object");
      fields.push_back(
          {required_text(f, "name", kMaxFieldBytes), optional_text(f, "value", kMaxFieldBytes)});
    }
    return change_dialog(ctx, call, [&fields](core::Dialog& d) { d.fields = fields; });
  });

  router.add("POST", "/api/dialogs/{}/tasks", true, [&ctx](Call& call) {
    core::Task task;
    task.text = required_text(call.body(), "text", kMaxTaskText);
    task.due = time_field(call.body(), "due");
    task.assignee_id = optional_id(call.body(), "assignee_id");
    check_assignee(ctx, call.op, task.assignee_id);
    task.id = ctx.store().next_id();
    return change_dialog(ctx, call, [&task](core::Dialog& d) {
      task.dialog_id = d.id;
      d.tasks.push_back(task);
    });
  });

  router.add("PATCH", "/api/dialogs/{}/tasks/{}", true, [&ctx](Call& call) {
    const core::Id task_id = call.id(1);
    const core::Json& body = call.body();
    require_some_task_change(body);
    std::optional<std::string> text;
    if (body.contains("text")) text = required_text(body, "text", kMaxTaskText);
    std::optional<bool> done;
    if (body.contains("done")) {
      if (!body["done"].is_boolean()) throw bad_request("done: expected true or false");
      done = body["done"].get<bool>();
    }
    const bool has_due = body.contains("due");
    const core::TimeMs due = time_field(body, "due");
    const bool has_assignee = body.contains("assignee_id");
    const core::Id assignee = optional_id(body, "assignee_id");
    if (has_assignee) check_assignee(ctx, call.op, assignee);
    return change_dialog(ctx, call, [&](core::Dialog& d) {
      core::Task* t = find_task(d, task_id);
      if (text) t->text = *text;
      if (done) t->done = *done;
      if (has_due) t->due = due;
      if (has_assignee) t->assignee_id = assignee;
    });
  });

  router.add("DELETE", "/api/dialogs/{}/tasks/{}", true, [&ctx](Call& call) {
    const core::Id task_id = call.id(1);
    return change_dialog(ctx, call, [task_id](core::Dialog& d) {
      find_task(d, task_id);
      d.tasks.erase(std::remove_if(d.tasks.begin(), d.tasks.end(),
                                   [task_id](const core::Task& t) { return t.id == task_id; }),
                    d.tasks.end());
    });
  });

  router.add("POST", "/api/bulk", true, [&ctx](Call& call) {
    const core::BulkRequest request = core::decode<core::BulkRequest>(call.body());
    if (request.selection.dialog_ids.size() > ctx.options().max_bulk_ids) {
      throw bad_request("selection.dialog_ids: more than " +
                        std::to_string(ctx.options().max_bulk_ids) + " ids");
    }
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Directory& dir = *dir_ref;
    const std::string invalid = core::validate(request.command, dir);
    if (!invalid.empty()) throw bad_request("command: " + invalid);
    std::vector<core::Id> ids = request.selection.dialog_ids;
    if (request.selection.all_matching) {
      ids = ctx.store().matching_dialog_ids(call.op, request.selection.query,
                                            static_cast<int>(ctx.options().max_bulk_ids) * 100);
    }
    core::Event summary;
    summary.kind = core::EventKind::BulkApplied;
    ctx.store().transaction([&] {
      for (core::Id id : ids) {
        std::optional<core::DialogRow> row = ctx.store().dialog(call.op.account_id, id);
        if (!row || !core::can_see(call.op, row->dialog)) {
          summary.results.push_back(
              {id, core::BulkOutcome::NotFound, "dialog not found", "not_found"});
          continue;
        }
        core::BulkResult result = core::apply(request.command, row->dialog, dir);
        result.dialog_id = id;
        if (result.outcome == core::BulkOutcome::Applied) {
          ctx.store().save_dialog(row->dialog);
          core::Event changed;
          changed.kind = core::EventKind::DialogChanged;
          changed.row = std::move(*row);
          ctx.publish(call.op.account_id, std::move(changed));
        }
        summary.results.push_back(std::move(result));
      }
      ctx.publish(call.op.account_id, summary);
    });
    core::Json results = core::Json::array();
    for (const core::BulkResult& r : summary.results) results.push_back(core::encode(r));
    return json_response(200, {{"results", results}});
  });
}

}  // namespace server
