// fake_telegram: the fake Bot API as a process of its own, for the browser
// tests and benchmarks. Prints "ready <base_url>" once it listens, and runs
// until stdin closes or a SIGTERM. `fake_telegram [token] [bot_username] [port]`.
#include <signal.h>

#include <iostream>
#include <string>
#include <thread>

#include "fakes/fake_telegram.hpp"

int main(int argc, char** argv) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  fakes::FakeTelegram fake(argc > 1 ? argv[1] : "123456:TEST-token",
                           argc > 2 ? argv[2] : "shop_bot",
                           argc > 3 ? static_cast<unsigned short>(std::stoi(argv[3])) : 0);
  std::cout << "ready " << fake.base_url() << std::endl;
  std::thread stdin_watch([] {
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    kill(getpid(), SIGTERM);
  });
  stdin_watch.detach();
  int received = 0;
  sigwait(&signals, &received);
  return 0;
}
