// Runs one documentation block as CI checks it (docs/contributing-docs.md): the embedded test
// service started on a free loopback port, AZCORE_DOCS_SERVICE and SERVICE set to its base URL,
// the built azrest first on PATH, the command run in an empty temporary directory.
//
//   azcore_docs_runner WHERE AZREST_DIR COMMAND [ARG...]
//
// Exits with the command's status; on failure it says which block failed (WHERE, "README.md:120").
#include <azcore/testserver/test_server.hpp>

#include "support/temp_dir.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace {

/// Runs argv in directory; returns its exit status, 128 + signal when killed.
int run(const std::vector<std::string>& args, const std::string& directory) {
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addchdir_np(&actions, directory.c_str());
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error("cannot run " + args[0] + ": " + std::strerror(spawned));
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: azcore_docs_runner WHERE AZREST_DIR COMMAND [ARG...]\n";
        return 2;
    }
    const std::string where = argv[1];
    const std::string azrest_dir = argv[2];
    const std::vector<std::string> command(argv + 3, argv + argc);
    try {
        azcore::testserver::TestServer service;
        const std::string url = service.base_url();
        setenv("AZCORE_DOCS_SERVICE", url.c_str(), 1);
        setenv("SERVICE", url.c_str(), 1);
        const char* path = std::getenv("PATH");
        setenv("PATH", (azrest_dir + ":" + (path != nullptr ? path : "/usr/bin:/bin")).c_str(), 1);
        azcore::test::TempDir scratch;
        const int status = run(command, scratch.path().string());
        if (status != 0)
            std::cerr << "docs: the block at " << where << " failed: exit status " << status << " (service "
                      << url << ")\n";
        return status;
    } catch (const std::exception& error) {
        std::cerr << "docs: the block at " << where << " could not be run: " << error.what() << "\n";
        return 1;
    }
}
