// The VK community connector: the Callback API in, the VK API out
// (https://dev.vk.com/api/callback/getting-started, https://dev.vk.com/method).
// Credentials {"access_token" (the community's token, rights: messages, wall,
// manage), "secret" (the Callback API's secret key), "confirmation" (the string
// the community's Callback API settings ask the server to return)}; settings
// {"base_url" (default https://api.vk.com), "group_id" (learnt at connect),
// "api_version" (default 5.199)}.
//
// In: message_new (a private message to the community) and wall_reply_new (a
// comment under a post of its wall: a dialog from the post's comments).
// Out: messages.send with random_id, VK's idempotency key, taken from the
// message's id, so a retry after a lost answer or a kill sends once; a reply
// in comments with wall.createComment, its guid from the message's id too.
#pragma once

#include "server/channels/connector.hpp"

namespace server::channels {

std::unique_ptr<Connector> make_vk_connector(ConnectorEnv& env);

}  // namespace server::channels
