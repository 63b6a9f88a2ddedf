// Sample entities shared by the codec's specs (codec_tests, codec_write_tests):
// every field differs from the struct's default, so a field that encode, decode or
// write_json forgets shows up as a difference.
#pragma once

#include "core/entities.hpp"

core::Client sample_client();
core::Task sample_task();  // a task of sample_dialog()
core::Dialog sample_dialog();
core::Message sample_message();
