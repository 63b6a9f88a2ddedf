// Look-ups in an account's reference data.
#include "core/entities.hpp"

#include <algorithm>

namespace core {
namespace {

template <class T>
const T* find_by_id(const std::vector<T>& items, Id id) {
  auto it = std::find_if(items.begin(), items.end(), [id](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const Operator* Directory::find_operator(Id id) const {
  return find_by_id(operators, id);
}
const Operator* Directory::assignable_operator(Id id) const {
  const Operator* op = find_operator(id);
  return op && op->active ? op : nullptr;
}
const Source* Directory::find_source(Id id) const {
  return find_by_id(sources, id);
}
const FunnelStatus* Directory::find_status(Id id) const {
  return find_by_id(statuses, id);
}
const Tag* Directory::find_tag(Id id) const {
  return find_by_id(tags, id);
}

}  // namespace core
