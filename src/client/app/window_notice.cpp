// The composer's warning about a closed customer-service window (see window_notice.hpp).
#include "app/window_notice.hpp"

#include "core/service_window.hpp"

namespace app {

std::string service_window_notice(const core::Dialog& dialog, core::TimeMs now, Locale locale) {
  if (core::service_window_open(dialog, now)) return {};
  const bool ru = locale == Locale::Ru;
  if (dialog.last_inbound_at == 0) {
    return ru ? "Клиент ещё не писал: WhatsApp примет только шаблон"
              : "The client has not written yet: WhatsApp takes only a template";
  }
  return ru ? "С сообщения клиента прошло больше 24 часов: WhatsApp примет только шаблон"
            : "The client wrote more than 24 hours ago: WhatsApp takes only a template";
}

}  // namespace app
