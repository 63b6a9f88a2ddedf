// Attachment kinds, sizes and availability (see attachments.hpp).
#include "app/attachments.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string_view>

namespace app {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string lower_extension(const std::string& name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string::npos || dot + 1 == name.size()) return {};
  std::string ext = name.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool one_of(const std::string& ext, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), ext) != list.end();
}

}  // namespace

FileKind file_kind(const core::Attachment& a) {
  const std::string_view mime = a.mime;
  if (starts_with(mime, "image/")) return FileKind::Image;
  if (starts_with(mime, "audio/")) return FileKind::Audio;
  if (starts_with(mime, "video/")) return FileKind::Video;
  if (mime == "application/pdf") return FileKind::Pdf;
  const std::string ext = lower_extension(a.name);
  if (one_of(ext, {"jpg", "jpeg", "png", "gif", "webp", "heic", "bmp", "svg"})) {
    return FileKind::Image;
  }
  if (ext == "pdf") return FileKind::Pdf;
  if (one_of(ext, {"doc", "docx", "odt", "rtf", "txt"})) return FileKind::Document;
  if (one_of(ext, {"xls", "xlsx", "ods", "csv"})) return FileKind::Spreadsheet;
  if (one_of(ext, {"zip", "rar", "7z", "gz", "tar"})) return FileKind::Archive;
  if (one_of(ext, {"mp3", "ogg", "oga", "wav", "m4a", "opus"})) return FileKind::Audio;
  if (one_of(ext, {"mp4", "mov", "webm", "avi", "mkv"})) return FileKind::Video;
  return FileKind::Other;
}

std::string format_size(std::int64_t bytes, Locale locale) {
  if (bytes <= 0) return {};
  const bool ru = locale == Locale::Ru;
  if (bytes < 1024) return std::to_string(bytes) + (ru ? " Б" : " B");
  const char* units_ru[] = {" КБ", " МБ", " ГБ"};
  const char* units_en[] = {" KB", " MB", " GB"};
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 2) {
    value /= 1024;
    ++unit;
  }
  char buffer[32];
  // One decimal below 10 ("1,5 МБ"), whole numbers above ("48 КБ").
  if (value < 10 && unit > 0) {
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  }
  std::string number = buffer;
  if (number.size() > 2 && number.compare(number.size() - 2, 2, ".0") == 0) {
    number.resize(number.size() - 2);
  }
  if (ru) std::replace(number.begin(), number.end(), '.', ',');
  return number + (ru ? units_ru[unit] : units_en[unit]);
}

bool can_open(const core::Attachment& a) {
  return !a.url.empty();
}

}  // namespace app
