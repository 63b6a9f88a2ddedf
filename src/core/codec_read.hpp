// The building blocks of decode<T> (internal to the codec): readers that take a JSON value
// and its path ("dialog.tag_ids[2]") and return a checked value or throw DecodeError.
#pragma once

#include <string>
#include <vector>

#include "core/codec.hpp"

namespace core::wire {

using Path = std::string;

[[noreturn]] void fail(const Path& path, const std::string& problem);

// Scalars. Ids, times, sizes and sequence numbers are non-negative; a float is never an
// integer; strings must be valid UTF-8.
std::int64_t read_integer(const Json& v, const Path& path);
Id read_id(const Json& v, const Path& path);
TimeMs read_time(const Json& v, const Path& path);
std::int64_t read_size(const Json& v, const Path& path);
std::int64_t read_seq(const Json& v, const Path& path);
int read_count(const Json& v, const Path& path);  // non-negative, fits an int
int read_int(const Json& v, const Path& path);
std::int64_t read_response_time(const Json& v, const Path& path);  // -1 or more
bool read_bool(const Json& v, const Path& path);
std::string read_string(const Json& v, const Path& path);
std::uint32_t read_color(const Json& v, const Path& path);  // "#rrggbb"
ChannelKind read_channel(const Json& v, const Path& path);  // channel_info(kind).key

// The rejected text quoted with a leading space when short and plain ASCII, else "":
// an error message stays readable and safe to put into a JSON error body.
std::string quoted_if_plain(const std::string& text);

// An enum by its to_string name; to_string yields "" past the last value.
template <class E>
E read_enum(const Json& v, const Path& path) {
  if (!v.is_string()) fail(path, "expected a string");
  const std::string& text = v.get_ref<const std::string&>();
  std::string names;
  for (int i = 0;; ++i) {
    const std::string_view name = to_string(static_cast<E>(i));
    if (name.empty()) break;
    if (name == text) return static_cast<E>(i);
    names += (i == 0 ? "" : ", ") + std::string(name);
  }
  fail(path, "unknown value" + quoted_if_plain(text) + ", expected one of: " + names);
}

// A reader of a JSON array whose elements are read by `read`; errors name the element.
template <class Read>
auto list_of(Read read) {
  return [read](const Json& v, const Path& path) {
    using T = decltype(read(v, path));
    if (!v.is_array()) fail(path, "expected an array");
    std::vector<T> items;
    items.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
      items.push_back(read(v[i], path + "[" + std::to_string(i) + "]"));
    }
    return items;
  };
}

// The fields of one JSON object at a path; unknown fields are never looked at.
class Fields {
 public:
  Fields(const Json& json, Path path) : json_(json), path_(std::move(path)) {
    if (!json_.is_object()) fail(path_, "expected an object");
  }

  Path at(const char* key) const { return path_ + "." + key; }
  bool present(const char* key) const { return json_.find(key) != json_.end(); }

  // Absent or null keeps `out` as it is.
  template <class T, class Read>
  void optional(const char* key, T& out, Read read) const {
    auto it = json_.find(key);
    if (it != json_.end() && !it->is_null()) out = read(*it, at(key));
  }

  template <class T, class Read>
  void required(const char* key, T& out, Read read) const {
    auto it = json_.find(key);
    if (it == json_.end()) fail(at(key), "missing required field");
    out = read(*it, at(key));
  }

  // Required only when the rest of the object says it is needed.
  template <class T, class Read>
  void required_if(bool needed, const char* key, T& out, Read read) const {
    if (needed) {
      required(key, out, read);
    } else {
      optional(key, out, read);
    }
  }

 private:
  const Json& json_;
  Path path_;
};

}  // namespace core::wire
