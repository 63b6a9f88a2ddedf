// What the login screen's sign-up form and the profile window send.
#pragma once

#include <string>

namespace app {

// A new business with its owner, from the login screen.
struct SignupForm {
  std::string business;
  std::string name;
  std::string email;
  std::string password;
};

// An invitation link opened: who it invites where, as the server told
// (`token` empty: none), then the password the invited operator chose.
struct InvitationView {
  std::string token;
  std::string name;
  std::string email;
  std::string business;
  bool loading = false;
  bool invalid = false;  // unknown, used, expired: the link cannot be used
};

struct InvitationForm {
  std::string token;
  std::string password;
};

// The signed-in operator's own name, picture, or password (which ends their
// other sessions).
struct ProfileChange {
  enum class What { Name, Password, Avatar } what = What::Name;
  std::string name;
  std::string avatar_url;  // an uploaded picture's; "" for initials
  std::string current_password;
  std::string new_password;
};

// What the profile window shows of its changes: one in flight, the last refusal,
// and a count of successes (a form clears its password fields on one).
struct ProfileView {
  bool sending = false;
  std::string error;
  int saved = 0;
  ProfileChange::What last = ProfileChange::What::Name;
};

}  // namespace app
