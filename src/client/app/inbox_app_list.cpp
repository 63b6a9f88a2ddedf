// The list's side of the app: filters into the query, windows as the table
// scrolls, bulk actions on the selection and writing first.
#include "app/inbox_app.hpp"

#include <algorithm>

#include "app/list_window.hpp"
#include "app/problem_text.hpp"

namespace app {

bool InboxApp::apply_list(const ListIntents& in) {
  bool query_changed = false;
  locale_ = in.locale;
  if (in.filter && *in.filter != filter_) {
    filter_ = *in.filter;
    to_filter(filter_, in.clock, list_.query.filter);
    list_.selection.clear();
    query_changed = true;
  }
  if (in.clear_selection) list_.selection.clear();
  if (in.select_loaded) list_.selection.select_loaded(list_.page.rows);
  if (in.select_all_matching) {
    list_.selection.select_loaded(list_.page.rows);
    list_.selection.select_all_matching();
  }
  if (in.dismiss_bulk_summary) bulk_.summary.clear();
  if (in.bulk) run_bulk(*in.bulk);
  if (in.dismiss_write_first_error) {
    write_first_.error.clear();
    write_first_.error_field = WriteFirstField::None;
  }
  if (in.write_first) send_write_first(*in.write_first);
  if (in.more_rows && !query_changed) fetch_window(in.more_rows_size);
  return query_changed;
}

void InboxApp::fetch_window(int size) {
  if (list_.loading || list_.fetching_window || list_.page.next_cursor.empty()) return;
  list_.fetching_window = true;
  const int generation = generation_;
  backend_->request_window(
      list_.query, list_.page.next_cursor, size > 0 ? std::min(size, kMaxWindowRows) : kWindowRows,
      [this, generation](net::WindowAnswer a) {
        if (generation != generation_) return;
        list_.fetching_window = false;
        const bool failed = !a.error.empty() || !a.code.empty();
        list_.window_error =
            failed ? std::string(locale_ == Locale::Ru ? "Не загрузилось: " : "Did not load: ") +
                         problem_text(a.code, a.error, locale_)
                   : std::string();
        if (failed) return;
        const std::int64_t seq = a.page.seq;
        append_window(list_, std::move(a.page));
        replay_after(seq);
      });
}

void InboxApp::run_bulk(const core::BulkCommand& command) {
  if (bulk_.busy || list_.selection.empty()) return;
  bulk_.busy = true;
  bulk_.summary.clear();
  bulk_.failed = false;
  const core::BulkRequest request = bulk_request(list_, command);
  backend_->bulk(request, [this](net::BulkAnswer a) {
    bulk_.busy = false;
    if (!a.error.empty() || !a.code.empty()) {
      bulk_.summary = problem_text(a.code, a.error, locale_);
      bulk_.failed = true;
      return;
    }
    // The rows change through the dialog_changed events the request published.
    bulk_.summary = summarize_bulk(a.results, locale_);
    bulk_.failed = !bulk_all_applied(a.results);
    list_.selection.clear();
  });
}

void InboxApp::send_write_first(const WriteFirstForm& form) {
  if (write_first_.sending) return;
  WriteFirstProblem problem =
      check_write_first(directory(), form.source, form.to, form.text, locale_);
  write_first_.error = std::move(problem.message);
  write_first_.error_field = problem.field;
  if (!write_first_.error.empty()) return;
  write_first_.sending = true;
  backend_->write_first(form.source, form.to, form.text, [this](net::DialogAnswer a) {
    write_first_.sending = false;
    const bool failed = !a.error.empty() || !a.code.empty();
    write_first_.error = failed ? problem_text(a.code, a.error, locale_) : std::string();
    if (failed || !a.row) return;
    ++write_first_.done;
    take_row(*a.row, a.message);
    open_row(*a.row);
  });
}

}  // namespace app
