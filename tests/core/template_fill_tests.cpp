// Specs of template filling: known variables replaced, missing ones kept and named.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/template_fill.hpp"

using core::fill_template;
using core::TemplateValues;

TEST_CASE("Every known variable is replaced by its value") {
  const TemplateValues v{"Анна", "Ольга", "12 500 ₽"};
  const auto f = fill_template(
      "Здравствуйте, {{client.name}}! Это {{operator.name}}, цена {{dialog.price}}.", v);
  CHECK(f.text == "Здравствуйте, Анна! Это Ольга, цена 12 500 ₽.");
  CHECK(f.unfilled.empty());
}

TEST_CASE("A variable without a value stays in the text and is listed once") {
  const TemplateValues v{"Анна", "", ""};
  const auto f = fill_template("{{dialog.price}} / {{client.name}} / {{dialog.price}}", v);
  CHECK(f.text == "{{dialog.price}} / Анна / {{dialog.price}}");
  CHECK(f.unfilled == std::vector<std::string>{"dialog.price"});
}

TEST_CASE("Spaces inside the braces are allowed") {
  const auto f = fill_template("Hi {{ client.name }}", TemplateValues{"Ann", "", ""});
  CHECK(f.text == "Hi Ann");
}

TEST_CASE("An unknown name is kept and reported, unclosed braces are plain text") {
  const auto f = fill_template("{{client.phone}} and {{client.name", TemplateValues{"Ann", "", ""});
  CHECK(f.text == "{{client.phone}} and {{client.name");
  CHECK(f.unfilled == std::vector<std::string>{"client.phone"});
}

TEST_CASE("Text without variables is unchanged") {
  const auto f = fill_template("Спасибо за заказ!", TemplateValues{});
  CHECK(f.text == "Спасибо за заказ!");
  CHECK(f.unfilled.empty());
}

TEST_CASE("The placeholder of a variable is the variable in double braces") {
  CHECK(core::template_placeholder("client.name") == "{{client.name}}");
}
