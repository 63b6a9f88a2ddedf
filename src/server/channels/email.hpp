// The e-mail connector: a mailbox read over IMAP by polling, replies sent
// over SMTP. Credentials {"password"}; settings {"imap_url"
// (imaps://imap.example.ru:993/INBOX; imap:// only to this machine or with
// STARTTLS), "smtp_url" (smtps://smtp.example.ru:465, or smtp://…:587 with
// STARTTLS), "address" (the mailbox's own, the replies' From:), "username"?
// (the address by default), "poll_interval_ms"? (30000 by default),
// "start_uid" (learnt at connect: mail already in the box is left alone)}.
//
// In: `UID SEARCH UID <last+1>:*`, each new message fetched whole
// (…/INBOX/;UID=n) and kept as it is; the cursor is the last UID taken. A
// message becomes an incoming one of its sender (the address, lower case),
// its text "Subject: <subject>" and the plain text (or the HTML one made
// plain), its files uploads, its Message-ID the external id.
// Out: a text/plain reply (files as multipart/mixed) from the address to the
// client, "Re: <subject>" of the dialog's last incoming mail and threaded to
// it by In-Reply-To and References; its own Message-ID is its external id.
// SMTP's 4xx and a failed connection are retried, a 5xx fails the message
// with the server's line.
#pragma once

#include "server/channels/connector.hpp"

namespace server::channels {

std::unique_ptr<Connector> make_email_connector(ConnectorEnv& env);

}  // namespace server::channels
