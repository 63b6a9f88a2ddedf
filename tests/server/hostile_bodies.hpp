// Request bodies no endpoint may accept, by the categories of JSONTestSuite's
// "must refuse" files and the implementation-defined cases this server refuses:
// broken structure, bad numbers, bad escapes and surrogates, invalid and overlong
// UTF-8, byte order marks, NUL bytes, duplicate keys, deep nesting, values that are
// not an object, and objects whose every usual field has the wrong type.
#pragma once

#include <string>
#include <vector>

namespace hostile {

struct Body {
  std::string category;
  std::string text;
};

inline std::vector<Body> bodies() {
  using namespace std::string_literals;
  std::vector<Body> out;
  auto add = [&out](const std::string& category, const std::string& text) {
    out.push_back({category, text});
  };
  for (const char* s : {"",
                        " ",
                        "\r\n\t",
                        "{",
                        "}",
                        "{\"text\":",
                        "{\"text\": \"x\"",
                        "{\"text\" \"x\"}",
                        "{\"text\": \"x\",}",
                        "{\"text\": \"x\"}}",
                        "{\"text\": \"x\"}{}",
                        "{\"text\": \"x\"} x",
                        "{text: \"x\"}",
                        "{'text': 'x'}",
                        "{\"text\": \"x\" /* c */}",
                        "[1,]",
                        "[,1]",
                        "{,}",
                        "{\"a\" : 1 \"b\": 2}",
                        "{\"a\":: 1}",
                        "{\"a\": tru}",
                        "{\"a\": nul}",
                        "{\"a\": undefined}"}) {
    add("structure", s);
  }
  for (const char* n : {"NaN", "Infinity", "-Infinity", "0x10", "01", "+1", ".5", "1.", "-", "1e",
                        "1e+", "--1", "1_000", "\xd9\xa1"}) {
    add("number", std::string("{\"price\": ") + n + ", \"status_id\": " + n + "}");
  }
  // Parsed, but no id, count or price: each must still be refused by the route.
  for (const char* n : {"1e999999", "-1e999999", "1e-999999",
                        "123456789012345678901234567890123456789012345678901234567890",
                        "-9223372036854775809", "18446744073709551616", "1.5"}) {
    add("huge number", std::string("{\"price\": ") + n + ", \"status_id\": " + n +
                           ", \"operator_id\": " + n + ", \"source_id\": " + n + "}");
  }
  for (const char* e :
       {"\\x41", "\\u12", "\\uZZZZ", "\\U0041", "\\a", "\\'", "\\", "\\u00", "\\\xd0\x96"}) {
    add("escape", std::string("{\"text\": \"") + e + "\", \"name\": \"" + e + "\"}");
  }
  for (const char* u : {"\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\udc00\\ud800",
                        "\\ud800\\u0041", "\\ud800x", "\\ud800\\ud800"}) {
    add("lone surrogate", std::string("{\"text\": \"") + u + "\", \"name\": \"" + u + "\"}");
  }
  for (const std::string& b :
       {"\xff"s, "\xfe"s, "\x80"s, "\xbf"s, "\xd0"s, "\xe2\x82"s, "\xf0\x9f\x98"s, "\xc0\xaf"s,
        "\xc1\xbf"s, "\xe0\x80\xaf"s, "\xf0\x80\x80\xaf"s, "\xed\xa0\x80"s, "\xed\xbf\xbf"s,
        "\xf4\x90\x80\x80"s, "\xf8\x88\x80\x80\x80"s, "\xfc\x84\x80\x80\x80\x80"s}) {
    add("utf-8", "{\"text\": \"" + b + "\", \"name\": \"" + b + "\"}");
    add("utf-8 in a key", "{\"te" + b + "xt\": \"x\"}");
  }
  add("byte order mark", "\xef\xbb\xbf{\"text\": \"x\", \"name\": \"x\"}");
  add("byte order mark", "\xff\xfe{\0\"\0}\0"s);
  add("utf-16", "{\0\"\0t\0\"\0:\0 \0\"\0x\0\"\0}\0"s);
  add("nul byte", "\0"s);
  add("nul byte", "{\"text\": \"x\"}\0"s);
  add("nul byte", "{\"text\": \"a\0b\"}"s);
  add("nul byte", "{\"te\0xt\": \"x\"}"s);
  add("nul escape", "{\"text\": \"a\\u0000b\", \"name\": \"\\u0000\", \"title\": \"\\u0000\"}");
  add("control character", "{\"text\": \"a\nb\", \"name\": \"a\tb\"}");
  add("duplicate key", "{\"text\": \"a\", \"text\": \"b\", \"name\": \"a\", \"name\": \"b\"}");
  add("duplicate key",
      "{\"status_id\": 1, \"status_id\": 2, \"operator_id\": 0, \"operator_id\": 1}");
  add("duplicate key",
      "{\"na\\u006de\": \"a\", \"name\": \"b\", \"text\": \"a\", \"te\\u0078t\": \"b\"}");
  add("deep nesting", std::string(65, '[') + std::string(65, ']'));
  add("deep nesting", std::string(100000, '['));
  add("deep nesting", "{\"text\": " + std::string(5000, '[') + "1" + std::string(5000, ']') + "}");
  std::string objects;
  for (int i = 0; i < 20000; ++i) objects += "{\"a\":";
  add("deep nesting", objects);
  for (const char* v : {"null", "true", "0", "\"text\"", "[]", "[{}]", "[{\"text\": \"x\"}]"}) {
    add("not an object", v);
  }
  // Every field a route reads, with a type it cannot take.
  add("wrong types",
      "{\"text\": 1, \"name\": [], \"title\": {}, \"email\": 5, \"password\": true, \"kind\": 1,"
      " \"value\": [], \"color\": 1, \"order\": \"1\", \"group\": 3, \"role\": [], \"status_id\":"
      " \"1\", \"operator_id\": \"1\", \"tag_ids\": \"1\", \"price\": \"100\", \"fields\": \"1\","
      " \"done\": \"yes\", \"due\": \"tomorrow\", \"assignee_id\": [], \"source_id\": \"1\","
      " \"source_ids\": 1, \"supervisor\": \"no\", \"channel\": 5, \"to\": 1, \"messages\": {},"
      " \"command\": [], \"selection\": 1, \"attachments\": \"x\", \"reply_to\": 1,"
      " \"enabled\": \"on\", \"credentials\": [], \"settings\": \"x\", \"external_id\": 1,"
      " \"client\": 1, \"business\": 1, \"current\": 1, \"new\": 1, \"move_to\": \"x\"}");
  add("wrong types",
      "{\"text\": null, \"name\": null, \"title\": null, \"email\": null, \"status_id\": null,"
      " \"tag_ids\": null, \"price\": null, \"fields\": null, \"source_id\": null,"
      " \"kind\": null, \"channel\": null, \"messages\": null, \"command\": null}");
  add("wrong types",
      "{\"text\": \"   \", \"name\": \"\", \"title\": \" \", \"email\": \"\", \"kind\": \"\","
      " \"channel\": \"\", \"status_id\": -1, \"operator_id\": -1, \"tag_ids\": [-1],"
      " \"price\": -1, \"source_id\": 0, \"messages\": {}, \"fields\": {\"\": 1}}");
  return out;
}

}  // namespace hostile
