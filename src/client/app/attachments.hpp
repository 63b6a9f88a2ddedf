// How an attachment reads in a message bubble: its kind (for the icon), its
// size in the operator's units, and whether there is a file to open.
#pragma once

#include <cstdint>
#include <string>

#include "app/format.hpp"
#include "core/entities.hpp"

namespace app {

enum class FileKind { Image, Pdf, Document, Spreadsheet, Archive, Audio, Video, Other };

// From the MIME type, else the name's extension (channels often send octet-stream).
FileKind file_kind(const core::Attachment& attachment);
// "48 КБ", "1,5 МБ", "512 Б" (or KB, MB, B); "" for an unknown size.
std::string format_size(std::int64_t bytes, Locale locale);
// False for a file the backend keeps no copy of (seeded demo history).
bool can_open(const core::Attachment& attachment);

}  // namespace app
