// Quick-reply templates with variables: {{client.name}}, {{operator.name}},
// {{dialog.price}}. Filling is pure: the caller passes the values it knows,
// and learns which variables had none (those stay in the text, visibly).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace core {

// The variables a template may use, in the order the editor offers them.
inline constexpr std::string_view kTemplateVariables[] = {"client.name", "operator.name",
                                                          "dialog.price"};

struct TemplateValues {
  std::string client_name;    // "" when unknown
  std::string operator_name;  // "" when unknown
  std::string dialog_price;   // already formatted ("12 500 ₽"); "" when the dialog has no price
};

struct FilledTemplate {
  std::string text;  // every known variable replaced; unknown or empty ones left as {{name}}
  std::vector<std::string> unfilled;  // the variables left in `text`, each once, in order of use
};

// Replaces each {{variable}} (spaces inside the braces allowed) by its value.
// A variable with no value, or a name that is not a variable, stays as written
// and is listed in `unfilled`.
FilledTemplate fill_template(std::string_view text, const TemplateValues& values);

// "{{client.name}}": what the editor's insert buttons put into the text.
std::string template_placeholder(std::string_view variable);

}  // namespace core
