// Delivery states and the retry schedule (see delivery.hpp).
#include "core/delivery.hpp"

#include <algorithm>

namespace core {
namespace {

int rank(DeliveryState s) {
  switch (s) {
    case DeliveryState::Pending:
      return 0;
    case DeliveryState::Sent:
      return 1;
    case DeliveryState::Delivered:
      return 2;
    case DeliveryState::Read:
      return 3;
    case DeliveryState::Failed:
      return -1;
  }
  return -1;
}

}  // namespace

bool delivery_advances(DeliveryState from, DeliveryState to) {
  if (from == to) return false;
  if (to == DeliveryState::Failed) {
    return from == DeliveryState::Pending || from == DeliveryState::Sent;
  }
  if (from == DeliveryState::Failed) return to == DeliveryState::Pending;
  return rank(to) > rank(from);
}

bool advance_delivery(Message& message, DeliveryState to, const std::string& error) {
  if (!delivery_advances(message.delivery, to)) return false;
  message.delivery = to;
  message.delivery_error = to == DeliveryState::Failed ? error : std::string();
  return true;
}

bool is_deliverable(const Message& message) {
  return message.direction == Direction::Out &&
         (message.kind == MessageKind::Text || message.kind == MessageKind::File);
}

TimeMs delivery_retry_delay(int attempts) {
  constexpr TimeMs kFirst = 1000;
  constexpr TimeMs kLongest = 10 * 60 * 1000;
  const int doublings = std::clamp(attempts - 1, 0, 20);
  return std::min(kLongest, kFirst << doublings);
}

}  // namespace core
