// Template filling (see template_fill.hpp).
#include "core/template_fill.hpp"

#include <algorithm>

namespace core {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

const std::string* value_of(std::string_view name, const TemplateValues& values) {
  if (name == "client.name") return &values.client_name;
  if (name == "operator.name") return &values.operator_name;
  if (name == "dialog.price") return &values.dialog_price;
  return nullptr;
}

}  // namespace

FilledTemplate fill_template(std::string_view text, const TemplateValues& values) {
  FilledTemplate out;
  out.text.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find("{{", at);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.text.append(text.substr(at, open - at));
    const std::string_view name = trimmed(text.substr(open + 2, close - open - 2));
    const std::string* value = value_of(name, values);
    if (value && !value->empty()) {
      out.text += *value;
    } else {
      out.text.append(text.substr(open, close + 2 - open));
      if (std::find(out.unfilled.begin(), out.unfilled.end(), name) == out.unfilled.end()) {
        out.unfilled.emplace_back(name);
      }
    }
    at = close + 2;
  }
  out.text.append(text.substr(std::min(at, text.size())));
  return out;
}

std::string template_placeholder(std::string_view variable) {
  return "{{" + std::string(variable) + "}}";
}

}  // namespace core
