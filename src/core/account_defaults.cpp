// The default funnel of a new account (see account_defaults.hpp).
#include "core/account_defaults.hpp"

namespace core {

std::vector<FunnelStatus> default_statuses(Id account_id) {
  struct Seed {
    const char* name;
    std::uint32_t color;
    StatusGroup group;
  };
  static constexpr Seed kSeeds[] = {
      {"Первичный контакт", 0x3B82F6, StatusGroup::Active},
      {"Принимает решение", 0xF59E0B, StatusGroup::Active},
      {"Согласование оплаты", 0x8B5CF6, StatusGroup::Active},
      {"Успешно завершён", 0x22C55E, StatusGroup::Success},
      {"Неуспешно завершён", 0xEF4444, StatusGroup::Failure},
      {"Не лид", 0x94A3B8, StatusGroup::NotALead},
  };
  std::vector<FunnelStatus> out;
  int order = 0;
  for (const Seed& s : kSeeds)
    out.push_back({kNoId, account_id, s.name, s.color, order++, s.group});
  return out;
}

}  // namespace core
